#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

namespace kic::testing {

ChildProcess::~ChildProcess() {
  Stop();
}

std::string ChildProcess::Start(const std::vector<std::string>& argv,
                                const std::map<std::string, std::string>& env, const std::string& stderr_path,
                                const std::string& ready_prefix, std::chrono::milliseconds ready_bound) {
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) {
    error_ = "pipe failed";
    return "";
  }
  // Everything the child needs is prepared before fork: only async-signal-safe calls after it.
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a crashed test leaves nothing behind
    if (::getppid() != parent) ::_exit(127);
    ::dup2(in[0], STDIN_FILENO);
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
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  stdin_fd_ = in[1];
  stdout_fd_ = out[0];
  if (pid_ < 0) {
    error_ = "fork failed";
    CloseFds();
    return "";
  }
  if (ready_prefix.empty()) return "started";

  const auto deadline = std::chrono::steady_clock::now() + ready_bound;
  std::string output;
  char buffer[256];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{stdout_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    output.append(buffer, static_cast<size_t>(n));
    for (size_t start = 0, nl; (nl = output.find('\n', start)) != std::string::npos; start = nl + 1) {
      const std::string line = output.substr(start, nl - start);
      if (line.rfind(ready_prefix, 0) == 0) return line.substr(ready_prefix.size());
    }
  }
  error_ = argv[0] + " did not print \"" + ready_prefix + "\"; its output: " + output;
  return "";
}

int ChildProcess::Stop() {
  return Reap(true);
}

int ChildProcess::Wait() {
  return Reap(false);
}

void ChildProcess::CloseFds() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  stdin_fd_ = stdout_fd_ = -1;
}

int ChildProcess::Reap(bool terminate) {
  if (pid_ <= 0) {
    CloseFds();
    return 0;
  }
  if (terminate) ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 300; ++i) {  // up to 30 s
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      CloseFds();
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  CloseFds();
  return -1;
}

}  // namespace kic::testing
