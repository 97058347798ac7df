#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kic::kong::admin {

struct SemanticVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  auto operator<=>(const SemanticVersion&) const = default;
  std::string ToString() const;
};

// "3.9.1", "3.4.3.2", "3.4.1.0-enterprise-edition", "3.10.0-dev": leading major.minor[.patch] only.
std::optional<SemanticVersion> ParseKongVersion(std::string_view text);

// What KIC reads from Kong's `GET /` (internal/manager/kongconfig/root.go).
struct RootInfo {
  std::string version;  // as Kong reports it
  SemanticVersion semver;
  bool enterprise = false;
  std::string database;       // configuration.database: "off" (or "") = DB-less, "postgres" = DB mode
  std::string router_flavor;  // traditional, traditional_compatible, expressions
  std::vector<std::string> proxy_listeners;   // configuration.proxy_listeners[].listener, when present
  std::vector<std::string> stream_listeners;  // configuration.stream_listeners[].listener
  std::vector<std::string> enabled_plugins;   // plugins.enabled_in_cluster, else keys of available_on_server

  bool IsDbLess() const { return database.empty() || database == "off"; }
};

struct RootInfoResult {
  std::optional<RootInfo> info;
  std::string error;  // when info is empty
};

RootInfoResult ParseRootInfo(std::string_view body);

// The oldest Kong KIC 3.5 accepts.
inline constexpr SemanticVersion kMinimumKongVersion{3, 4, 1};

// Empty when `info` describes a Kong this controller can drive, else the reason.
std::string CheckKongCompatibility(const RootInfo& info);

// `GET /status`.
struct StatusInfo {
  std::string configuration_hash;
  bool database_reachable = true;  // only reported by Kong < 3.4 in DB-less mode
};

// Kong reports this hash when it holds no configuration (fresh start, restart without declarative_config).
inline constexpr std::string_view kEmptyConfigurationHash = "00000000000000000000000000000000";

struct StatusResult {
  std::optional<StatusInfo> info;
  std::string error;
};

StatusResult ParseStatus(std::string_view body);

}  // namespace kic::kong::admin
