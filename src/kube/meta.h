#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kube/uid.h"

namespace kic::kube {

// String key/value pairs (labels, annotations), kept sorted by key. Objects carry a handful,
// so a sorted vector beats a map on memory and lookup alike.
class StringMap {
 public:
  using Entry = std::pair<std::string, std::string>;

  void Set(std::string key, std::string value);
  void Erase(std::string_view key);
  const std::string* Find(std::string_view key) const;
  bool Has(std::string_view key) const { return Find(key) != nullptr; }
  std::string_view Get(std::string_view key) const {
    const auto* v = Find(key);
    return v ? std::string_view(*v) : std::string_view();
  }
  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  bool operator==(const StringMap&) const = default;

 private:
  // Where `key` is or would go.
  size_t LowerBound(std::string_view key) const;

  std::vector<Entry> entries_;
};

// The annotation kubectl apply keeps the applied object in; the decoder drops it.
inline constexpr std::string_view kLastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

struct ObjectMeta {
  std::string name;
  std::string namespace_;
  Uid uid;
  std::string resource_version;
  std::string api_version;  // as written, e.g. "networking.k8s.io/v1"
  int64_t generation = 0;
  // Seconds since the epoch; 0 when absent (objects loaded from files often have none).
  int64_t creation_timestamp = 0;
  StringMap labels;
  StringMap annotations;

  // "namespace/name", or "name" for cluster-scoped objects.
  std::string Key() const { return namespace_.empty() ? name : namespace_ + "/" + name; }
  // The version part of api_version ("v1" of "networking.k8s.io/v1").
  std::string_view Version() const;
  bool operator==(const ObjectMeta&) const = default;
};

// Kubernetes' IntOrString (ports, targetPort).
struct IntOrString {
  std::optional<int64_t> number;
  std::string name;
  bool IsInt() const { return number.has_value(); }
  bool operator==(const IntOrString&) const = default;
};

}  // namespace kic::kube
