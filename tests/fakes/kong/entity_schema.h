#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The subset of Kong 3.x entity schemas (kong/db/schema/entities/*.lua, kong-dataplane.md §1.3) that the fake
// Admin API checks: field names and types, required fields, value ranges, per-entity rules.
namespace kic::testing::kong_schema {

enum class Type { kString, kInteger, kNumber, kBoolean, kArray, kSet, kRecord, kMap, kForeign, kAny };

// A value check after the type check; returns Kong's message, or "" when the value is fine.
using ValueCheck = std::string (*)(const nlohmann::json& value);

struct Field {
  std::string_view name = {};
  Type type = Type::kAny;
  bool required = false;
  ValueCheck check = nullptr;      // on the value (for arrays: on each element)
  Type element = Type::kAny;       // arrays and sets
  std::string_view foreign = {};   // kForeign: plural name of the referenced entity
  std::vector<Field> record = {};  // kRecord: known sub-fields; empty = any keys accepted
  bool expressions_only = false;   // exists only with router_flavor = expressions
};

// Errors found in one entity: field path ("paths.2", "healthchecks.active.timeout") -> message, and
// entity-level messages.
struct EntityErrors {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::string> entity;
  bool empty() const { return fields.empty() && entity.empty(); }
};

struct CheckContext {
  std::string_view router_flavor;
};

using EntityCheck = void (*)(const nlohmann::json& entity, const CheckContext& context, EntityErrors& errors);

// Entity E nested as an array `key` inside its parent P; `foreign_field` is E's field pointing at P.
struct Nested {
  std::string_view key;
  std::string_view child;
  std::string_view foreign_field;
};

struct Entity {
  std::string_view plural;
  std::string_view singular;
  std::vector<Field> fields;
  std::vector<Nested> nested;
  std::string_view endpoint_key;  // what a top-level reference may name instead of the id ("" = id only)
  std::vector<std::string_view> unique_fields;
  EntityCheck check = nullptr;
};

// Known entity (plural name), or null. Entities Kong knows but the fake does not model return an Entity with
// no fields and `open()`.
const Entity* FindEntity(std::string_view plural);
// Entities accepted at the top level but not validated (workspaces, key_sets, ... and Enterprise ones).
bool IsUncheckedEntity(std::string_view plural, bool enterprise);

const Field* FindField(const Entity& entity, std::string_view name);

// Plugins bundled with Kong 3.9 (kong/constants.lua BUNDLED_PLUGINS).
bool IsBundledPlugin(std::string_view name);

}  // namespace kic::testing::kong_schema
