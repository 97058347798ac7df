#include "kong/admin/flat_errors.h"

#include <array>
#include <nlohmann/json.hpp>

namespace kic::kong::admin {
namespace {

std::string StringAt(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> StringsAt(const nlohmann::json& object, const char* key) {
  std::vector<std::string> out;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const auto& item : *it)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

FlatEntityError ParseEntity(const nlohmann::json& item) {
  FlatEntityError entity;
  entity.entity_type = StringAt(item, "entity_type");
  entity.entity_name = StringAt(item, "entity_name");
  entity.entity_id = StringAt(item, "entity_id");
  entity.entity_tags = StringsAt(item, "entity_tags");
  if (const auto errors = item.find("errors"); errors != item.end() && errors->is_array()) {
    for (const auto& error : *errors) {
      if (!error.is_object()) continue;
      entity.errors.push_back(FlatFieldError{StringAt(error, "type"), StringAt(error, "field"),
                                             StringAt(error, "message"), StringsAt(error, "messages")});
    }
  }
  return entity;
}

// Kinds KIC knows to be cluster-scoped among those it tags.
bool IsClusterScoped(std::string_view kind) {
  static const std::array<std::string_view, 5> kKinds = {"KongClusterPlugin", "KongLicense", "KongVault",
                                                         "IngressClass", "GatewayClass"};
  for (const auto known : kKinds)
    if (known == kind) return true;
  return false;
}

}  // namespace

std::optional<KongConfigError> ParseKongConfigError(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;
  KongConfigError error;
  if (const auto code = json.find("code"); code != json.end() && code->is_number_integer())
    error.code = *code;
  error.name = StringAt(json, "name");
  error.message = StringAt(json, "message");
  if (const auto flat = json.find("flattened_errors"); flat != json.end() && flat->is_array()) {
    for (const auto& item : *flat)
      if (item.is_object()) error.entities.push_back(ParseEntity(item));
  }
  return error;
}

std::string ObjectIdentity::ApiVersion() const {
  return group.empty() ? version : group + "/" + version;
}

bool ObjectIdentity::CanReceiveEvent() const {
  if (name.empty() || kind.empty() || uid.empty()) return false;
  return !namespace_.empty() || IsClusterScoped(kind);
}

std::string ObjectIdentity::ToString() const {
  return namespace_.empty() ? kind + " " + name : kind + " " + namespace_ + "/" + name;
}

ObjectIdentity IdentityFromTags(const Tags& tags) {
  ObjectIdentity identity;
  const std::array<std::pair<std::string_view, std::string*>, 6> prefixes = {{
      {"k8s-name:", &identity.name},
      {"k8s-namespace:", &identity.namespace_},
      {"k8s-kind:", &identity.kind},
      {"k8s-uid:", &identity.uid},
      {"k8s-group:", &identity.group},
      {"k8s-version:", &identity.version},
  }};
  for (const std::string_view text : tags) {
    for (const auto& [prefix, target] : prefixes) {
      if (text.starts_with(prefix) && target->empty()) {
        *target = text.substr(prefix.size());
        break;
      }
    }
  }
  return identity;
}

std::vector<EntityProblem> ProblemsFromFlatErrors(const std::vector<FlatEntityError>& entities) {
  std::vector<EntityProblem> problems;
  for (const auto& entity : entities) {
    const ObjectIdentity object = IdentityFromTags(entity.entity_tags);
    auto add = [&](std::string source, const std::string& message) {
      problems.push_back(
          EntityProblem{object, entity.entity_type, entity.entity_name, std::move(source), message});
    };
    for (const auto& error : entity.errors) {
      if (!error.message.empty() && !error.messages.empty()) continue;  // ambiguous: KIC skips it too
      if (!error.message.empty()) {
        if (error.type == "field") {
          add(error.field, error.message);
        } else {
          add(entity.entity_type + ":" + entity.entity_name, error.message);
        }
      }
      for (size_t i = 0; i < error.messages.size(); ++i) {
        if (!error.messages[i].empty()) add(error.field + "[" + std::to_string(i) + "]", error.messages[i]);
      }
    }
  }
  return problems;
}

}  // namespace kic::kong::admin
