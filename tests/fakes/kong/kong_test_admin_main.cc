// kong-test-admin: the fake Kong Admin API as a process, for end-to-end tests.
//   kong-test-admin --listen 127.0.0.1:0 [--version 3.9.1] [--router-flavor traditional] [--edition
//   community]
//                   [--tls-cert F --tls-key F [--client-ca F]] [--no-validate] [--accept-unparsed]
//                   [--admin-token T]
//                   [--broken Kind/namespace/name ...] [--broken-first-post-only: KIC golden-mock mode,
//                   every broken object reported once, entities or not]
// Prints "listening on 127.0.0.1:PORT" first on stdout, then serves until SIGINT/SIGTERM or stdin closes.
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>

#include "common/strings.h"
#include "fake_kong.h"

namespace {

int Usage(const std::string& problem) {
  std::cerr << "kong-test-admin: " << problem << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  kic::testing::FakeKongOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--listen") {
      const std::string listen = value();
      const auto colon = listen.rfind(':');
      const auto port = colon == std::string::npos ? std::nullopt : kic::ParseInt(listen.substr(colon + 1));
      if (!port) return Usage("--listen expects host:port");
      options.host = listen.substr(0, colon);
      options.port = static_cast<int>(*port);
    } else if (arg == "--version") {
      options.version = value();
    } else if (arg == "--router-flavor") {
      options.router_flavor = value();
    } else if (arg == "--edition") {
      options.edition = value();
    } else if (arg == "--tls-cert") {
      options.tls_cert_file = value();
    } else if (arg == "--tls-key") {
      options.tls_key_file = value();
    } else if (arg == "--client-ca") {
      options.client_ca_file = value();
    } else if (arg == "--no-validate") {
      options.validate = false;
    } else if (arg == "--accept-unparsed") {
      options.accept_unparsed = true;
    } else if (arg == "--admin-token") {
      options.required_admin_token = value();
    } else if (arg == "--broken") {
      const auto parts = kic::Split(value(), "/");
      if (parts.size() == 3) {
        options.broken_objects.push_back({parts[0], parts[1], parts[2]});
      } else if (parts.size() == 2) {
        options.broken_objects.push_back({parts[0], "", parts[1]});  // cluster-scoped
      } else {
        return Usage("--broken expects Kind/namespace/name");
      }
    } else if (arg == "--broken-first-post-only") {
      options.broken_first_post_only = true;
    } else {
      return Usage("unknown argument " + arg);
    }
  }

  // Block the stop signals before any thread starts so that only sigwait below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  kic::testing::FakeKong kong(options);
  if (!kong.Start()) return Usage(kong.error());
  std::cout << "listening on " << options.host << ":" << kong.port() << std::endl;

  int received = 0;
  sigwait(&signals, &received);
  kong.Stop();
  return 0;
}
