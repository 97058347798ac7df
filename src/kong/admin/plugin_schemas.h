#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kong/admin/client.h"

namespace kic::kong::admin {

// Plugin schemas fetched from Kong's GET /schemas/plugins/NAME, cached per Kong version (every
// instance of one version answers the same). A failed fetch is not cached, so it is tried again on
// the next push; an unknown plugin (404) is cached as unknown.
class PluginSchemaCache {
 public:
  std::optional<nlohmann::json> Get(const AdminClient& client, const std::string& kong_version,
                                    const std::string& plugin_name);

 private:
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::optional<nlohmann::json>> schemas_;
};

}  // namespace kic::kong::admin
