#include "test_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kic::kube::client::testing {

TestProcess::~TestProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

std::string TestProcess::Start(const std::vector<std::string>& argv, const std::string& ready_prefix) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    error_ = "pipe failed";
    return "";
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  stdout_fd_ = fds[0];
  if (pid_ < 0) {
    error_ = "fork failed";
    return "";
  }
  std::string out;
  char buf[256];
  for (int waited = 0; waited < 100; ++waited) {  // at most about 10 s
    pollfd p{stdout_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    for (size_t start = 0, nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
      const std::string line = out.substr(start, nl - start);
      if (line.rfind(ready_prefix, 0) == 0) return line.substr(ready_prefix.size());
    }
  }
  error_ = argv[0] + " did not print \"" + ready_prefix + "\"; output: " + out;
  return "";
}

}  // namespace kic::kube::client::testing
