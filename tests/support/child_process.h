#pragma once

// A child process for tests and benchmarks (the test peers kube-test-server and kong-test-admin,
// the kic binary): started with fork/exec, its stdout read for a "ready" line, ended on
// destruction. One implementation for every suite, so that none leaves a process behind.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace kic::testing {

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts `argv` (argv[0] a path) with `env` added to the environment ("" values unset) and stderr
  // to `stderr_path` when set. Its stdin is a pipe this object holds: the test peers end when it
  // closes, even if this process dies without a word. When `ready_prefix` is set, reads stdout
  // (for at most `ready_bound`) until a line starting with it and returns the rest of that line;
  // otherwise returns "started". "" with error() on failure.
  std::string Start(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                    const std::string& stderr_path = "", const std::string& ready_prefix = "",
                    std::chrono::milliseconds ready_bound = std::chrono::seconds(30));
  // SIGTERM, then waits (bounded, SIGKILL after); returns the exit status (-1 if it had to be killed).
  int Stop();
  // Waits (bounded) for the process to end by itself; returns its exit status (-1 if it had to be killed).
  int Wait();
  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }

 private:
  int Reap(bool terminate);
  void CloseFds();

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::string error_;
};

}  // namespace kic::testing
