#include "declarative_validator.h"

#include <algorithm>
#include <map>
#include <optional>

#include "common/uuid.h"
#include "entity_schema.h"

namespace kic::testing {
namespace {

using nlohmann::json;
namespace schema = kong_schema;

bool IsIntegral(const json& v) {
  if (v.is_number_integer()) return true;
  return v.is_number_float() &&
         v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>()));
}

// One entity found in the document (nested ones included).
struct Record {
  const schema::Entity* spec = nullptr;  // null for entities accepted unchecked
  std::string plural;
  json value;  // the input object, nested arrays removed
  json path;   // where it sits in the input: ["services", 0, "routes", 1]
  int parent = -1;
  std::string parent_field;  // this entity's foreign field pointing at the parent
  std::string id;
  schema::EntityErrors errors;
};

std::string Render(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// pl.pretty.write-like rendering of the error tree, for Kong's "message".
std::string LuaTable(const json& value) {
  if (value.is_string()) return "\"" + value.get<std::string>() + "\"";
  if (value.is_null()) return "nil";
  if (value.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      out += (first ? "" : ",") + key + "=" + LuaTable(item);
      first = false;
    }
    return out + "}";
  }
  if (value.is_array()) {
    std::string out = "{";
    for (size_t i = 0; i < value.size(); ++i) out += (i ? "," : "") + LuaTable(value[i]);
    return out + "}";
  }
  return value.dump();
}

class Validator {
 public:
  explicit Validator(const ValidatorOptions& options) : options_(options), context_{options.router_flavor} {}

  ValidationOutcome Run(const json& document) {
    if (!document.is_object()) return Fail(json{{"error", "expected a record"}});
    CheckTopLevel(document);
    if (!options_.broken_objects.empty() && MarkBroken()) return Fail(json::object(), /*broken_only=*/true);
    if (!options_.schema_checks) {
      for (auto& record : records_) record.errors = {};
      if (top_errors_.contains("_format_version"))
        return Fail(json{{"_format_version", top_errors_["_format_version"]}});
      AssignIds();
      return Succeed();
    }
    if (HasErrors()) return Fail(top_errors_);
    AssignIds();
    CheckUniqueness();
    CheckReferences();
    if (HasErrors()) return Fail(top_errors_);
    return Succeed();
  }

 private:
  void CheckTopLevel(const json& document) {
    const auto version = document.find("_format_version");
    if (version == document.end()) {
      top_errors_["_format_version"] = "required field missing";
    } else if (!version->is_string()) {
      top_errors_["_format_version"] = "expected a string";
    } else if (*version != "1.1" && *version != "2.1" && *version != "3.0") {
      top_errors_["_format_version"] = "expected one of: 1.1, 2.1, 3.0";
    }
    for (const auto& [key, value] : document.items()) {
      if (key == "_format_version" || key == "_comment" || key == "_ignore") continue;
      if (key == "_transform") {
        if (!value.is_boolean()) top_errors_[key] = "expected a boolean";
        continue;
      }
      const schema::Entity* spec = schema::FindEntity(key);
      if (spec == nullptr && !schema::IsUncheckedEntity(key, options_.enterprise)) {
        top_errors_[key] = "unknown field";
        continue;
      }
      if (!value.is_array()) {
        top_errors_[key] = "expected an array";
        continue;
      }
      for (size_t i = 0; i < value.size(); ++i) Walk(spec, key, value[i], json::array({key, i}), -1, "");
    }
  }

  int Walk(const schema::Entity* spec, const std::string& plural, const json& item, json path, int parent,
           const std::string& parent_field) {
    const int index = static_cast<int>(records_.size());
    records_.push_back(Record{spec, plural, json::object(), path, parent, parent_field, "", {}});
    if (!item.is_object()) {
      records_[index].errors.entity.push_back("expected a record");
      records_[index].value = item;
      return index;
    }
    json value = json::object();
    schema::EntityErrors errors;
    for (const auto& [key, field_value] : item.items()) {
      if (key == "_comment" || key == "_ignore") continue;
      const schema::Nested* nested = spec ? FindNested(*spec, key) : nullptr;
      if (nested != nullptr && field_value.is_array()) {
        WalkNested(*nested, field_value, path, index, value, errors);
        continue;
      }
      value[key] = field_value;
      if (spec == nullptr) continue;
      const schema::Field* field = schema::FindField(*spec, key);
      if (field == nullptr || (field->expressions_only && options_.router_flavor != "expressions")) {
        errors.fields.emplace_back(key, "unknown field");
        continue;
      }
      if (parent >= 0 && key == parent_field)
        continue;  // consistent with the parent: re-checked by Kong later
      CheckField(*field, field_value, key, errors);
    }
    if (spec != nullptr) {
      for (const auto& field : spec->fields) {
        if (!field.required || (parent >= 0 && field.name == parent_field)) continue;
        const auto it = item.find(field.name);
        if (it == item.end() || it->is_null())
          errors.fields.emplace_back(field.name, "required field missing");
      }
      if (spec->check != nullptr) spec->check(item, context_, errors);
    }
    records_[index].value = std::move(value);
    records_[index].errors = std::move(errors);
    return index;
  }

  void WalkNested(const schema::Nested& nested, const json& items, const json& path, int parent, json& value,
                  schema::EntityErrors& errors) {
    const schema::Entity* child_spec = schema::FindEntity(nested.child);
    json shorthand = json::array();
    for (size_t i = 0; i < items.size(); ++i) {
      json child_path = path;
      child_path.push_back(nested.key);
      child_path.push_back(i);
      if (nested.key == "snis" && items[i].is_string()) {
        // certificates.snis shorthand: a list of names that become sni entities.
        shorthand.push_back(items[i]);
        Walk(child_spec, std::string(nested.child), json{{"name", items[i]}}, child_path, parent,
             std::string(nested.foreign_field));
        continue;
      }
      Walk(child_spec, std::string(nested.child), items[i], child_path, parent,
           std::string(nested.foreign_field));
    }
    (void)errors;
    if (!shorthand.empty()) value[std::string(nested.key)] = shorthand;
  }

  static const schema::Nested* FindNested(const schema::Entity& spec, std::string_view key) {
    for (const auto& nested : spec.nested)
      if (nested.key == key) return &nested;
    return nullptr;
  }

  static std::string TypeError(schema::Type type) {
    switch (type) {
      case schema::Type::kString:
        return "expected a string";
      case schema::Type::kInteger:
        return "expected an integer";
      case schema::Type::kNumber:
        return "expected a number";
      case schema::Type::kBoolean:
        return "expected a boolean";
      case schema::Type::kArray:
        return "expected an array";
      case schema::Type::kSet:
        return "expected a set";
      case schema::Type::kRecord:
        return "expected a record";
      case schema::Type::kMap:
        return "expected a map";
      default:
        return "";
    }
  }

  static bool HasType(schema::Type type, const json& v) {
    switch (type) {
      case schema::Type::kString:
        return v.is_string();
      case schema::Type::kInteger:
        return IsIntegral(v);
      case schema::Type::kNumber:
        return v.is_number();
      case schema::Type::kBoolean:
        return v.is_boolean();
      case schema::Type::kArray:
      case schema::Type::kSet:
        return v.is_array();
      case schema::Type::kRecord:
      case schema::Type::kMap:
        return v.is_object();
      case schema::Type::kForeign:
        return v.is_string() || (v.is_object() && v.contains("id"));
      case schema::Type::kAny:
        return true;
    }
    return true;
  }

  void CheckField(const schema::Field& field, const json& v, const std::string& path,
                  schema::EntityErrors& errors) {
    if (v.is_null()) return;
    if (!HasType(field.type, v)) {
      errors.fields.emplace_back(
          path, field.type == schema::Type::kForeign ? "expected a record" : TypeError(field.type));
      return;
    }
    if (field.type == schema::Type::kArray || field.type == schema::Type::kSet) {
      for (size_t i = 0; i < v.size(); ++i) {
        const std::string element_path = path + "." + std::to_string(i + 1);
        if (!HasType(field.element, v[i])) {
          errors.fields.emplace_back(element_path, TypeError(field.element));
        } else if (field.check != nullptr) {
          if (auto message = field.check(v[i]); !message.empty())
            errors.fields.emplace_back(element_path, message);
        }
      }
      if (field.type == schema::Type::kSet && field.name == "protocols" && v.empty())
        errors.fields.emplace_back(path, "length must be at least 1");
      return;
    }
    if (field.type == schema::Type::kRecord && !field.record.empty()) {
      for (const auto& [key, item] : v.items()) {
        const auto sub = std::find_if(field.record.begin(), field.record.end(),
                                      [&](const schema::Field& f) { return f.name == key; });
        if (sub == field.record.end()) {
          errors.fields.emplace_back(path + "." + key, "unknown field");
        } else {
          CheckField(*sub, item, path + "." + key, errors);
        }
      }
      return;
    }
    if (field.check != nullptr) {
      if (auto message = field.check(v); !message.empty()) errors.fields.emplace_back(path, message);
    }
  }

  bool HasErrors() const {
    if (!top_errors_.empty()) return true;
    return std::any_of(records_.begin(), records_.end(), [](const Record& r) { return !r.errors.empty(); });
  }

  // Test-only: entities tagged with a broken object get the harness's "broken object" error, nothing else.
  // A broken object with no entity of its own (a Secret read by a plugin, a KongUpstreamPolicy) still gets
  // an error item carrying its tags, as KIC's golden mock reports every annotated object.
  bool MarkBroken() {
    bool any = false;
    untagged_broken_.clear();
    std::vector<bool> seen(options_.broken_objects.size(), false);
    for (auto& record : records_) {
      record.errors = {};
      const auto tags = record.value.find("tags");
      if (tags == record.value.end() || !tags->is_array()) continue;
      std::string kind, ns, name;
      for (const auto& tag : *tags) {
        if (!tag.is_string()) continue;
        const auto text = tag.get<std::string>();
        if (text.rfind("k8s-kind:", 0) == 0) kind = text.substr(9);
        if (text.rfind("k8s-namespace:", 0) == 0) ns = text.substr(14);
        if (text.rfind("k8s-name:", 0) == 0) name = text.substr(9);
      }
      for (size_t i = 0; i < options_.broken_objects.size(); ++i) {
        const auto& broken = options_.broken_objects[i];
        if (broken.kind == kind && broken.namespace_ == ns && broken.name == name) {
          record.errors.entity.push_back("broken object");
          seen[i] = true;
          any = true;
        }
      }
    }
    for (size_t i = 0; i < options_.broken_objects.size(); ++i) {
      if (!seen[i] && options_.report_broken_without_entities)
        untagged_broken_.push_back(options_.broken_objects[i]);
    }
    return any || !untagged_broken_.empty();
  }

  static json ObjectBrokenItem(const BrokenObject& object) {
    json tags = json::array({"k8s-name:" + object.name});
    if (!object.namespace_.empty()) tags.push_back("k8s-namespace:" + object.namespace_);
    tags.push_back("k8s-kind:" + object.kind);
    return json{{"entity_tags", std::move(tags)},
                {"errors", json::array({json{{"messages", json::array({"broken object"})}}})}};
  }

  void AssignIds() {
    static const Uuid kNamespace = Uuid::Parse("fd02801f-0957-4a15-a55a-c8d9606f30b5");
    for (size_t i = 0; i < records_.size(); ++i) {
      auto& record = records_[i];
      const auto id = record.value.find("id");
      if (id != record.value.end() && id->is_string()) {
        record.id = id->get<std::string>();
      } else {
        // Kong derives a UUIDv5 from the endpoint key; the fake only needs something stable and unique.
        record.id = Uuid::V5(kNamespace, record.plural + ":" + record.path.dump()).ToString();
      }
    }
  }

  void CheckUniqueness() {
    std::map<std::string, int> seen;  // "<plural>\0<field>\0<value>" -> record
    for (size_t i = 0; i < records_.size(); ++i) {
      auto& record = records_[i];
      auto claim = [&](const std::string& what, const std::string& value) {
        const std::string key = record.plural + '\0' + what + '\0' + value;
        if (!seen.emplace(key, static_cast<int>(i)).second)
          record.errors.entity.push_back("uniqueness violation: '" + record.plural + "' entity with " + what +
                                         " set to '" + value + "' already declared");
      };
      claim("primary key", record.id);
      if (record.spec == nullptr) continue;
      for (const auto field : record.spec->unique_fields) {
        const auto it = record.value.find(field);
        if (it != record.value.end() && !it->is_null()) claim(std::string(field), Render(*it));
      }
      if (record.plural == "targets") {
        const auto target = record.value.find("target");
        if (target != record.value.end())
          claim("target", ParentOrReference(record, "upstream") + ":" + Render(*target));
      }
    }
  }

  // The id (or unresolved text) of what `record.<field>` points at.
  std::string ParentOrReference(const Record& record, const std::string& field) {
    if (record.parent >= 0 && record.parent_field == field) return records_[record.parent].id;
    const auto it = record.value.find(field);
    if (it == record.value.end()) return "";
    if (it->is_object() && it->contains("id")) return Render((*it)["id"]);
    return Render(*it);
  }

  std::optional<int> Resolve(const std::string& plural, const json& reference) {
    const schema::Entity* target = schema::FindEntity(plural);
    for (size_t i = 0; i < records_.size(); ++i) {
      const auto& candidate = records_[i];
      if (candidate.plural != plural) continue;
      if (reference.is_object()) {
        if (reference.contains("id") && reference["id"] == candidate.id) return static_cast<int>(i);
        continue;
      }
      if (!reference.is_string()) continue;
      if (reference == candidate.id) return static_cast<int>(i);
      if (target != nullptr && !target->endpoint_key.empty()) {
        const auto key = candidate.value.find(target->endpoint_key);
        if (key != candidate.value.end() && *key == reference) return static_cast<int>(i);
      }
    }
    return std::nullopt;
  }

  void CheckReferences() {
    for (auto& record : records_) {
      if (record.spec == nullptr) continue;
      for (const auto& field : record.spec->fields) {
        if (field.type != schema::Type::kForeign) continue;
        if (record.parent >= 0 && record.parent_field == field.name) {
          record.value[std::string(field.name)] = json{{"id", records_[record.parent].id}};
          continue;
        }
        const auto it = record.value.find(field.name);
        if (it == record.value.end() || it->is_null()) continue;
        if (!schema::FindEntity(field.foreign)) continue;  // Enterprise-only targets are not modelled
        const auto target = Resolve(std::string(field.foreign), *it);
        if (!target) {
          const json shown = it->is_object() ? (*it)["id"] : *it;
          record.errors.fields.emplace_back(std::string(field.name),
                                            "invalid reference '" + std::string(field.name) + ": " +
                                                Render(shown) + "' (no such entry in '" +
                                                std::string(field.foreign) + "')");
          continue;
        }
        record.value[std::string(field.name)] = json{{"id", records_[*target].id}};
      }
    }
  }

  json FlattenedItem(const Record& record) const {
    json item = json::object();
    item["entity_type"] = record.spec ? std::string(record.spec->singular) : record.plural;
    item["entity"] = record.value;
    if (record.value.is_object()) {
      if (const auto name = record.value.find("name"); name != record.value.end() && name->is_string())
        item["entity_name"] = *name;
      if (const auto id = record.value.find("id"); id != record.value.end() && id->is_string())
        item["entity_id"] = *id;
      if (const auto tags = record.value.find("tags");
          tags != record.value.end() && tags->is_array() &&
          std::all_of(tags->begin(), tags->end(), [](const json& t) { return t.is_string(); }))
        item["entity_tags"] = *tags;
    }
    json errors = json::array();
    for (const auto& [field, message] : record.errors.fields)
      errors.push_back({{"type", "field"}, {"field", field}, {"message", message}});
    for (const auto& message : record.errors.entity)
      errors.push_back({{"type", "entity"}, {"message", message}});
    item["errors"] = std::move(errors);
    return item;
  }

  json BrokenItem(const Record& record) const {
    json item = FlattenedItem(record);
    item["errors"] = json::array({json{{"messages", json::array({"broken object"})}}});
    return item;
  }

  // Places `message` in the nested error tree at the entity's input path, then down the dotted field path.
  static void PlaceInTree(json& tree, const json& path, const std::string& field, const json& message) {
    json* node = &tree;
    for (const auto& step : path) {
      if (step.is_string()) {
        node = &(*node)[step.get<std::string>()];
      } else {
        node = &(*node)[step.get<size_t>()];
      }
    }
    size_t start = 0;
    while (true) {
      const auto dot = field.find('.', start);
      const std::string part =
          field.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (dot == std::string::npos) {
        (*node)[part] = message;
        return;
      }
      node = &(*node)[part];
      start = dot + 1;
    }
  }

  ValidationOutcome Fail(const json& unattributed, bool broken_only = false) {
    json tree = unattributed.is_object() ? unattributed : json::object();
    json flattened = json::array();
    for (const auto& record : records_) {
      if (record.errors.empty()) continue;
      flattened.push_back(broken_only ? BrokenItem(record) : FlattenedItem(record));
      for (const auto& [field, message] : record.errors.fields)
        PlaceInTree(tree, record.path, field, message);
      if (!record.errors.entity.empty()) PlaceInTree(tree, record.path, "@entity", record.errors.entity);
    }
    if (broken_only) {
      for (const auto& object : untagged_broken_) flattened.push_back(ObjectBrokenItem(object));
    }
    ValidationOutcome outcome;
    const json& fields = options_.flatten_errors ? unattributed : tree;
    outcome.error_body = DeclarativeErrorBody(fields.is_object() ? fields : json::object());
    if (options_.flatten_errors) outcome.error_body["flattened_errors"] = std::move(flattened);
    return outcome;
  }

  ValidationOutcome Succeed() {
    ValidationOutcome outcome;
    outcome.valid = true;
    outcome.entities = json::object();
    for (auto& record : records_) {
      record.value["id"] = record.id;
      outcome.entities[record.plural][record.id] = record.value;
    }
    outcome.entity_count = records_.size();
    return outcome;
  }

  const ValidatorOptions& options_;
  schema::CheckContext context_;
  std::vector<Record> records_;
  std::vector<BrokenObject> untagged_broken_;  // broken objects no entity carries the tags of
  json top_errors_ = json::object();
};

}  // namespace

json DeclarativeErrorBody(const json& fields) {
  return json{{"code", 14},
              {"name", "invalid declarative configuration"},
              {"message", "declarative config is invalid: " + LuaTable(fields)},
              {"fields", fields}};
}

ValidationOutcome ValidateDeclarativeConfig(const json& document, const ValidatorOptions& options) {
  return Validator(options).Run(document);
}

}  // namespace kic::testing
