#include "kong/admin/root_info.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace kic::kong::admin {
namespace {

std::optional<int> TakeNumber(std::string_view& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return value;
}

std::string StringAt(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> Listeners(const nlohmann::json& configuration, const char* key) {
  std::vector<std::string> out;
  const auto it = configuration.find(key);
  if (it == configuration.end() || !it->is_array()) return out;
  for (const auto& listener : *it) {
    const std::string text = StringAt(listener, "listener");
    if (!text.empty()) out.push_back(text);
  }
  return out;
}

}  // namespace

std::string SemanticVersion::ToString() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<SemanticVersion> ParseKongVersion(std::string_view text) {
  SemanticVersion version;
  const auto major = TakeNumber(text);
  if (!major || text.empty() || text.front() != '.') return std::nullopt;
  text.remove_prefix(1);
  const auto minor = TakeNumber(text);
  if (!minor) return std::nullopt;
  version.major = *major;
  version.minor = *minor;
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    const auto patch = TakeNumber(text);
    if (!patch) return std::nullopt;
    version.patch = *patch;
  }
  return version;
}

RootInfoResult ParseRootInfo(std::string_view body) {
  RootInfoResult result;
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    result.error = "Kong root response is not a JSON object";
    return result;
  }
  RootInfo info;
  info.version = StringAt(json, "version");
  const auto semver = ParseKongVersion(info.version);
  if (!semver) {
    result.error = "could not parse Kong version '" + info.version + "'";
    return result;
  }
  info.semver = *semver;
  // KIC detects Enterprise from the version string; recent Kong also reports "edition".
  info.enterprise =
      info.version.find("enterprise") != std::string::npos || StringAt(json, "edition") == "enterprise";
  if (const auto it = json.find("configuration"); it != json.end() && it->is_object()) {
    info.database = StringAt(*it, "database");
    info.router_flavor = StringAt(*it, "router_flavor");
    info.proxy_listeners = Listeners(*it, "proxy_listeners");
    info.stream_listeners = Listeners(*it, "stream_listeners");
  }
  if (const auto plugins = json.find("plugins"); plugins != json.end() && plugins->is_object()) {
    if (const auto enabled = plugins->find("enabled_in_cluster");
        enabled != plugins->end() && enabled->is_array()) {
      for (const auto& name : *enabled)
        if (name.is_string()) info.enabled_plugins.push_back(name.get<std::string>());
    }
    if (const auto available = plugins->find("available_on_server");
        info.enabled_plugins.empty() && available != plugins->end() && available->is_object()) {
      for (const auto& [name, unused] : available->items()) info.enabled_plugins.push_back(name);
    }
  }
  result.info = std::move(info);
  return result;
}

std::string CheckKongCompatibility(const RootInfo& info) {
  if (info.semver < kMinimumKongVersion)
    return "Kong version " + info.version + " is not supported: the minimum is " +
           kMinimumKongVersion.ToString();
  if (!info.IsDbLess() && info.database != "postgres")
    return "Kong database '" + info.database + "' is not supported: expected 'off' (DB-less) or 'postgres'";
  return "";
}

StatusResult ParseStatus(std::string_view body) {
  StatusResult result;
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    result.error = "Kong status response is not a JSON object";
    return result;
  }
  StatusInfo info;
  info.configuration_hash = StringAt(json, "configuration_hash");
  if (const auto db = json.find("database"); db != json.end() && db->is_object()) {
    if (const auto reachable = db->find("reachable"); reachable != db->end() && reachable->is_boolean())
      info.database_reachable = reachable->get<bool>();
  }
  result.info = std::move(info);
  return result;
}

}  // namespace kic::kong::admin
