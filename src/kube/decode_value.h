#pragma once

// Two read-only views with the same interface, one over a parsed YAML node and one over a
// simdjson DOM element, so that each object decoder is written once (decode_impl.h) and serves
// manifests and API responses alike.

#include <simdjson.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/yaml_tree.h"

namespace kic::kube {

class YamlValue {
 public:
  explicit YamlValue(const yaml::Node* node) : node_(node) {}

  bool IsNull() const { return node_->IsNull(); }
  bool IsMap() const { return node_->kind == yaml::Node::Kind::kMap; }
  bool IsSeq() const { return node_->kind == yaml::Node::Kind::kSeq; }
  bool IsScalar() const { return node_->kind == yaml::Node::Kind::kScalar; }

  std::optional<YamlValue> Get(std::string_view key) const {
    if (!IsMap()) return std::nullopt;
    const auto* child = node_->Find(key);
    if (!child || child->IsNull()) return std::nullopt;
    return YamlValue(child);
  }
  template <class F>
  void ForEachField(F&& f) const {
    for (const auto& [k, v] : node_->fields) f(std::string_view(k), YamlValue(&v));
  }
  template <class F>
  void ForEachItem(F&& f) const {
    for (const auto& v : node_->items) f(YamlValue(&v));
  }
  // Any non-null scalar, as written.
  std::optional<std::string_view> Text() const {
    if (!IsScalar() || IsNull()) return std::nullopt;
    return std::string_view(node_->text);
  }
  // Only scalars that are strings in YAML 1.1 terms (quoted, or plain and not a number/bool).
  bool IsString() const { return IsScalar() && node_->Type() == yaml::ScalarType::kString; }
  std::optional<int64_t> Int() const;
  std::optional<bool> Bool() const {
    if (!IsScalar() || node_->Type() != yaml::ScalarType::kBool) return std::nullopt;
    return yaml::PlainBoolValue(node_->text);
  }
  // The value as JSON, with YAML 1.1 scalar types (as sigs.k8s.io/yaml converts it).
  nlohmann::json ToJson() const;

 private:
  const yaml::Node* node_;
};

class JsonValue {
 public:
  explicit JsonValue(simdjson::dom::element e) : e_(e) {}

  bool IsNull() const { return e_.is_null(); }
  bool IsMap() const { return e_.is_object(); }
  bool IsSeq() const { return e_.is_array(); }
  bool IsScalar() const { return !IsMap() && !IsSeq(); }

  std::optional<JsonValue> Get(std::string_view key) const {
    if (!IsMap()) return std::nullopt;
    simdjson::dom::element child;
    if (e_.get_object().at_key(key).get(child) != simdjson::SUCCESS || child.is_null()) return std::nullopt;
    return JsonValue(child);
  }
  template <class F>
  void ForEachField(F&& f) const {
    for (auto field : e_.get_object()) f(std::string_view(field.key), JsonValue(field.value));
  }
  template <class F>
  void ForEachItem(F&& f) const {
    for (auto item : e_.get_array()) f(JsonValue(item));
  }
  std::optional<std::string_view> Text() const;
  bool IsString() const { return e_.is_string(); }
  std::optional<int64_t> Int() const;
  std::optional<bool> Bool() const {
    if (!e_.is_bool()) return std::nullopt;
    return e_.get_bool().value_unsafe();
  }
  nlohmann::json ToJson() const;

 private:
  simdjson::dom::element e_;
  mutable std::string number_text_;  // Text() of a number
};

}  // namespace kic::kube
