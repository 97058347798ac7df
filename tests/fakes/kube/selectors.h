#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kic::kubefake {

// A parsed labelSelector: a comma-joined AND of k=v, k==v, k!=v, k in (a,b), k notin (a,b), k, !k.
class LabelSelector {
 public:
  // nullopt and `error` set when the text does not parse.
  static std::optional<LabelSelector> Parse(std::string_view text, std::string* error);
  bool Matches(const nlohmann::json& object) const;
  bool empty() const { return requirements_.empty(); }

 private:
  enum class Op { kIn, kNotIn, kExists, kNotExists };
  struct Requirement {
    std::string key;
    Op op;
    std::vector<std::string> values;
  };
  std::vector<Requirement> requirements_;
};

// A parsed fieldSelector: comma-joined f=v, f==v, f!=v. Any dotted field path is looked up in the
// object (metadata.name, metadata.namespace, spec.type, involvedObject.name, ...).
class FieldSelector {
 public:
  static std::optional<FieldSelector> Parse(std::string_view text, std::string* error);
  bool Matches(const nlohmann::json& object) const;
  bool empty() const { return requirements_.empty(); }

 private:
  struct Requirement {
    std::string path;
    bool equal;
    std::string value;
  };
  std::vector<Requirement> requirements_;
};

}  // namespace kic::kubefake
