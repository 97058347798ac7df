#include "kong/admin/plugin_schemas.h"

namespace kic::kong::admin {

std::optional<nlohmann::json> PluginSchemaCache::Get(const AdminClient& client,
                                                     const std::string& kong_version,
                                                     const std::string& plugin_name) {
  const auto key = std::make_pair(kong_version, plugin_name);
  {
    std::lock_guard lock(mu_);
    if (auto it = schemas_.find(key); it != schemas_.end()) return it->second;
  }
  const HttpResult result = client.Get("/schemas/plugins/" + plugin_name);
  std::optional<nlohmann::json> schema;
  if (result.status == 404) {
    // Kong does not know this plugin: remember, Kong will reject the config anyway.
  } else if (result.IsSuccess()) {
    try {
      schema = nlohmann::json::parse(result.body);
    } catch (const nlohmann::json::exception&) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  std::lock_guard lock(mu_);
  schemas_[key] = schema;
  return schema;
}

}  // namespace kic::kong::admin
