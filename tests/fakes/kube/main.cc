// kube-test-server: an in-memory Kubernetes API server for tests (see README.md).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "server.h"

namespace {

// "127.0.0.1:8080" or "[::1]:0" -> host, port.
bool SplitHostPort(const std::string& listen, std::string* host, int* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  *host = listen.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']')
    *host = host->substr(1, host->size() - 2);
  try {
    *port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return false;
  }
  return !host->empty() && *port >= 0 && *port <= 65535;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"In-memory Kubernetes API server for tests"};
  std::string listen = "127.0.0.1:0";
  std::string cert, key, token;
  std::vector<std::string> crd_paths;
  size_t history = 10000;
  int bookmark_ms = 5000;
  bool exit_with_parent = false;
  app.add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)");
  app.add_option("--cert", cert, "TLS certificate (PEM); with --key serves HTTPS");
  app.add_option("--key", key, "TLS private key (PEM)");
  app.add_option("--token", token, "require Authorization: Bearer TOKEN");
  app.add_option("--crds", crd_paths, "directory or file of CustomResourceDefinition YAMLs (repeatable)");
  app.add_option("--history", history, "events kept for watch resumption before older ones answer 410");
  app.add_option("--bookmark-interval-ms", bookmark_ms, "how often watches with allowWatchBookmarks get one");
  app.add_flag("--exit-with-parent", exit_with_parent,
               "stop when the starting process dies (tests that crash leave no server behind)");
  CLI11_PARSE(app, argc, argv);

  kic::kubefake::ServerOptions options;
  if (!SplitHostPort(listen, &options.host, &options.port)) {
    std::cerr << "kube-test-server: bad --listen " << listen << "\n";
    return 2;
  }
  if (cert.empty() != key.empty()) {
    std::cerr << "kube-test-server: --cert and --key go together\n";
    return 2;
  }
  options.cert_file = cert;
  options.key_file = key;
  if (!token.empty()) options.token = token;
  options.history_limit = history;
  options.bookmark_interval = std::chrono::milliseconds(bookmark_ms);

  auto catalog = kic::kubefake::ResourceCatalog::WithBuiltins();
  for (const auto& path : crd_paths) {
    auto problems = catalog.LoadCrds(path);
    for (const auto& p : problems) std::cerr << "kube-test-server: " << p << "\n";
    if (!problems.empty()) return 2;
  }

  // SIGINT/SIGTERM stop the server from a dedicated thread, so shutdown runs normal destructors.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  kic::kubefake::KubeTestServer server(std::move(catalog), options);
  auto bound = server.Bind();
  if (auto* error = std::get_if<std::string>(&bound)) {
    std::cerr << "kube-test-server: " << *error << "\n";
    return 1;
  }
  std::string shown_host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::printf("listening on %s:%d\n", shown_host.c_str(), std::get<int>(bound));
  std::fflush(stdout);

  std::thread stopper([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    server.Stop();
  });
  std::atomic<bool> serving{true};
  std::thread parent_watch([&serving, exit_with_parent, parent = getppid()] {
    while (exit_with_parent && serving) {
      if (getppid() != parent) {  // re-parented: the test process is gone
        kill(getpid(), SIGTERM);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  server.Serve();
  serving = false;
  // Serve() only returns after Stop(), which only the stopper thread calls.
  stopper.join();
  parent_watch.join();
  return 0;
}
