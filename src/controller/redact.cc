#include "controller/redact.h"

#include <nlohmann/json.hpp>
#include <set>

namespace kic::controller {
namespace {

// Fields that hold secrets, in the entity arrays that carry them.
const std::set<std::string, std::less<>>& SecretFields() {
  static const std::set<std::string, std::less<>> kFields{"key",    "key_alt",       "password",
                                                          "secret", "client_secret", "private_key"};
  return kFields;
}

void RedactFields(nlohmann::json& entity) {
  if (!entity.is_object()) return;
  for (auto& [name, value] : entity.items()) {
    if (value.is_string() && SecretFields().count(name)) value = kRedactedValue;
  }
}

}  // namespace

std::string RedactConfigJson(std::string_view config_json) {
  auto config = nlohmann::json::parse(config_json, nullptr, /*allow_exceptions=*/false);
  if (!config.is_object()) return std::string(config_json);
  if (auto it = config.find("certificates"); it != config.end() && it->is_array()) {
    for (auto& certificate : *it) RedactFields(certificate);
  }
  if (auto it = config.find("consumers"); it != config.end() && it->is_array()) {
    for (auto& consumer : *it) {
      if (!consumer.is_object()) continue;
      for (auto& [name, value] : consumer.items()) {
        // keyauth_credentials, basicauth_credentials, hmacauth_credentials, jwt_secrets, oauth2_credentials,
        // ...
        if (!value.is_array()) continue;
        for (auto& credential : value) RedactFields(credential);
      }
    }
  }
  return config.dump();
}

}  // namespace kic::controller
