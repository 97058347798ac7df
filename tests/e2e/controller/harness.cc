#include "harness.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace kic::controller::e2e {

Child::~Child() {
  Stop();
}

std::string Child::Start(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                         const std::string& stderr_path, const std::string& ready_prefix) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    error_ = "pipe failed";
    return "";
  }
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a crashed test leaves nothing behind
    if (::getppid() != parent) ::_exit(127);
    ::dup2(out[1], STDOUT_FILENO);
    if (!stderr_path.empty()) {
      const int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (err >= 0) ::dup2(err, STDERR_FILENO);
    }
    for (const auto& [name, value] : env) {
      if (value.empty()) {
        ::unsetenv(name.c_str());
      } else {
        ::setenv(name.c_str(), value.c_str(), 1);
      }
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  stdout_fd_ = out[0];
  if (ready_prefix.empty()) return "started";
  std::string buffer;
  char c;
  while (::read(stdout_fd_, &c, 1) == 1) {
    if (c != '\n') {
      buffer += c;
      continue;
    }
    if (buffer.rfind(ready_prefix, 0) == 0) return buffer.substr(ready_prefix.size());
    buffer.clear();
  }
  error_ = "process ended before printing \"" + ready_prefix + "\"";
  return "";
}

int Child::Stop() {
  return Reap(true);
}
int Child::Wait() {
  return Reap(false);
}

int Child::Reap(bool terminate) {
  if (pid_ <= 0) return 0;
  if (terminate) ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 300; ++i) {  // up to 30 s
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      if (stdout_fd_ >= 0) ::close(stdout_fd_);
      stdout_fd_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  stdout_fd_ = -1;
  return -1;
}

bool Eventually(const std::function<bool()>& condition, std::chrono::milliseconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string MakeTempDir() {
  std::string pattern = "/tmp/kic-e2e-XXXXXX";
  return ::mkdtemp(pattern.data()) ? pattern : "/tmp";
}

}  // namespace kic::controller::e2e
