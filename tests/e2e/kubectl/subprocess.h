#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace kic::e2e {

// A child process started with posix_spawn; killed (SIGKILL) and reaped on destruction if still running.
class Subprocess {
 public:
  // stdout and stderr go to the given files ("" = inherit). `env` is added to this process' environment.
  Subprocess(const std::vector<std::string>& argv, const std::string& stdout_file,
             const std::string& stderr_file, const std::map<std::string, std::string>& env = {});
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  bool started() const { return pid_ > 0; }
  // Sends `signal` and waits up to `timeout`; returns the exit code (128+signal if killed), -1 on timeout.
  int Stop(int signal, std::chrono::milliseconds timeout);
  // Waits for exit up to `timeout`; -1 on timeout (the process keeps running).
  int Wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

struct CommandResult {
  int exit_code = -1;  // -1: timed out (and killed)
  std::string out;
  std::string err;
};

// Runs a command to completion (bounded by `timeout`), capturing stdout and stderr through files in
// `work_dir`.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& work_dir,
                         const std::map<std::string, std::string>& env, std::chrono::milliseconds timeout,
                         const std::string& stdin_file = "");

std::string ReadFile(const std::string& path);

}  // namespace kic::e2e
