#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

namespace kic::controller {

// `kic sync-once`: manifests in, one sync (translate, push, fallback) against Kong, and the
// configuration Kong accepted out.
struct SyncOnceFlags {
  std::vector<std::string> files;
  std::vector<std::string> kong_admin_urls;
  std::string kong_admin_token;
  std::string ingress_class = "kong";
  std::string feature_gates;
  std::string output = "yaml";
  bool no_defaults = false;
  int kong_admin_init_retries = 60;
  std::chrono::milliseconds kong_admin_init_retry_delay{1000};
  int kong_push_attempts = 4;
  std::chrono::milliseconds kong_push_retry_delay{500};
};

void AddSyncOnceFlags(CLI::App& cmd, SyncOnceFlags& flags);

// Exit codes: 0 the full configuration was applied; 3 Kong rejected objects and the fallback
// configuration (without them) was applied; 1 Kong accepted nothing; 2 bad input.
// The accepted configuration goes to `out`; problems and Events to `err`.
int RunSyncOnce(const SyncOnceFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace kic::controller
