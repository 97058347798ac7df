#include "test_server.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

namespace kic::e2e {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "kubefake-e2e-XXXXXX").string();
  if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

std::string FindKubectl() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::string dirs = path;
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/kubectl";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

std::string ServerBinary() {
  return std::string(KIC_BINARY_DIR) + "/tests/kube-test-server";
}

std::string SharedDir() {
  return std::string(KIC_SOURCE_DIR) + "/../shared";
}

KubeTestServerProcess::KubeTestServerProcess(const std::vector<std::string>& args,
                                             const std::string& log_dir) {
  std::vector<std::string> argv = {ServerBinary(), "--listen", "127.0.0.1:0", "--exit-with-parent"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out = log_dir + "/server.out";
  process_ = std::make_unique<Subprocess>(argv, out, log_dir + "/server.err");
  if (!process_->started()) {
    error_ = "cannot start " + ServerBinary();
    return;
  }
  // The first stdout line names the port. Bounded: CRD parsing under sanitizers takes a few seconds.
  const std::string prefix = "listening on 127.0.0.1:";
  for (int attempt = 0; attempt < 600; ++attempt) {
    std::string text = ReadFile(out);
    size_t nl = text.find('\n');
    if (nl != std::string::npos) {
      std::string line = text.substr(0, nl);
      if (line.rfind(prefix, 0) != 0) {
        error_ = "unexpected first line: " + line;
        return;
      }
      port_ = std::stoi(line.substr(prefix.size()));
      return;
    }
    if (process_->Wait(std::chrono::milliseconds(0)) >= 0) {
      error_ = "server exited: " + ReadFile(log_dir + "/server.err");
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  error_ = "server printed no port";
}

KubeTestServerProcess::~KubeTestServerProcess() {
  Stop();
}

int KubeTestServerProcess::Stop() {
  return process_->Stop(SIGTERM, std::chrono::seconds(20));
}

}  // namespace kic::e2e
