#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace kic::kube::client::testing {

// A child process started by a test and ended (SIGTERM, then waited for) when this goes away.
class TestProcess {
 public:
  TestProcess() = default;
  ~TestProcess();
  TestProcess(const TestProcess&) = delete;
  TestProcess& operator=(const TestProcess&) = delete;

  // Starts `argv` and reads its stdout until a line starting with `ready_prefix`; returns the
  // rest of that line, or "" (with error()) if the process exits or prints nothing like it.
  std::string Start(const std::vector<std::string>& argv, const std::string& ready_prefix);
  const std::string& error() const { return error_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string error_;
};

}  // namespace kic::kube::client::testing
