#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "resource_catalog.h"

namespace kic::kubefake {

// The read-only documents clients fetch before talking about objects: /version, legacy discovery
// (/api, /apis, /api/v1, /apis/G, /apis/G/V) and the OpenAPI v3 index and per-group-version
// documents that kubectl's default (strict) validation checks for server-side field validation.
class Discovery {
 public:
  Discovery(const ResourceCatalog& catalog, std::string server_address);

  // The document at `path`, or nullopt when `path` is not a discovery path (or names nothing).
  std::optional<nlohmann::json> Lookup(const std::string& path) const;

 private:
  nlohmann::json Version() const;
  nlohmann::json CoreVersions() const;
  nlohmann::json GroupList() const;
  std::optional<nlohmann::json> Group(const std::string& name) const;
  std::optional<nlohmann::json> ResourceList(const std::string& group, const std::string& version) const;
  nlohmann::json OpenApiIndex() const;
  std::optional<nlohmann::json> OpenApiDocument(const std::string& group, const std::string& version) const;

  const ResourceCatalog& catalog_;
  std::string server_address_;
};

}  // namespace kic::kubefake
