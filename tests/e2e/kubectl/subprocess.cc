#include "subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace kic::e2e {

namespace {

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

Subprocess::Subprocess(const std::vector<std::string>& argv, const std::string& stdout_file,
                       const std::string& stderr_file, const std::map<std::string, std::string>& env) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    size_t eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : env) merged[k] = v;
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : merged) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (auto& a : args) argp.push_back(a.data());
  argp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!stdout_file.empty()) {
    posix_spawn_file_actions_addopen(&actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  if (!stderr_file.empty()) {
    posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  pid_t pid = -1;
  if (posix_spawnp(&pid, argp[0], &actions, nullptr, argp.data(), envp.data()) == 0) pid_ = pid;
  posix_spawn_file_actions_destroy(&actions);
}

Subprocess::~Subprocess() {
  if (pid_ > 0 && exit_code_ < 0) Stop(SIGKILL, std::chrono::seconds(10));
}

int Subprocess::Wait(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  if (exit_code_ >= 0) return exit_code_;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_code_ = DecodeStatus(status);
      return exit_code_;
    }
    if (r < 0 || std::chrono::steady_clock::now() >= deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int Subprocess::Stop(int signal, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  if (exit_code_ >= 0) return exit_code_;
  kill(pid_, signal);
  int code = Wait(timeout);
  if (code < 0 && signal != SIGKILL) {
    kill(pid_, SIGKILL);
    Wait(std::chrono::seconds(10));
    return -1;
  }
  return code;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& work_dir,
                         const std::map<std::string, std::string>& env, std::chrono::milliseconds timeout,
                         const std::string& stdin_file) {
  std::string dir_template = work_dir + "/cmdXXXXXX";
  if (mkdtemp(dir_template.data()) == nullptr) return {-1, "", "cannot create a directory in " + work_dir};
  std::string base = dir_template + "/capture";
  std::vector<std::string> args = argv;
  if (!stdin_file.empty()) args = {"/bin/sh", "-c", "exec \"$0\" \"$@\" < " + stdin_file};
  if (!stdin_file.empty()) args.insert(args.end(), argv.begin(), argv.end());
  Subprocess process(args, base + ".out", base + ".err", env);
  CommandResult result;
  if (!process.started()) {
    result.err = "cannot start " + argv.front();
    return result;
  }
  result.exit_code = process.Wait(timeout);
  if (result.exit_code < 0) process.Stop(SIGKILL, std::chrono::seconds(10));
  result.out = ReadFile(base + ".out");
  result.err = ReadFile(base + ".err");
  return result;
}

}  // namespace kic::e2e
