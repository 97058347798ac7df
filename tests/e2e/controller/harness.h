#pragma once

// Processes and waits for the controller's end-to-end tests.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kic::controller::e2e {

// A child process, ended with SIGTERM (then SIGKILL after a bound) when this goes away.
class Child {
 public:
  Child() = default;
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Starts `argv` with `env` added to the environment; stderr goes to `stderr_path` (if set).
  // When `ready_prefix` is set, reads stdout until a line starting with it and returns the rest.
  std::string Start(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                    const std::string& stderr_path = "", const std::string& ready_prefix = "");
  // SIGTERM and wait (bounded); returns the exit status (-1 if it had to be killed).
  int Stop();
  // Waits (bounded) for the process to end by itself; returns its exit status (-1 if it had to be killed).
  int Wait();
  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }

 private:
  int Reap(bool terminate);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string error_;
};

// Polls `condition` every few milliseconds until it holds or `bound` passes (a liveness bound so a
// broken build cannot hang CI, not a speed assertion). Returns whether it held.
bool Eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds bound = std::chrono::seconds(30));

std::string ReadFile(const std::string& path);
// A fresh directory under /tmp, removed by the caller (or left for inspection after a failure).
std::string MakeTempDir();

}  // namespace kic::controller::e2e
