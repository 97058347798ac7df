#pragma once

#include <memory>
#include <string>
#include <vector>

#include "subprocess.h"

namespace kic::e2e {

// A temporary directory, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// build/tests/kube-test-server running on a free loopback port, stopped (SIGTERM) on destruction.
class KubeTestServerProcess {
 public:
  // `args` are added to --listen 127.0.0.1:0. Empty error = started.
  KubeTestServerProcess(const std::vector<std::string>& args, const std::string& log_dir);
  ~KubeTestServerProcess();

  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Stops with SIGTERM and returns the exit code (0 = clean shutdown).
  int Stop();

 private:
  std::unique_ptr<Subprocess> process_;
  std::string error_;
  int port_ = 0;
};

std::string ServerBinary();
std::string FindKubectl();  // the kubectl on PATH, or "" when there is none
std::string SharedDir();    // /work/shared, found from KIC_SOURCE_DIR

}  // namespace kic::e2e
