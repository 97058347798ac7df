#pragma once

#include <optional>
#include <string>

#include "resource_catalog.h"

namespace kic::kubefake {

// A parsed object URL: /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]] or /apis/G/V/...
struct ResourcePath {
  const ResourceType* type = nullptr;
  std::string version;
  std::string ns;    // from /namespaces/NS/; "" = all namespaces (or a cluster-scoped kind)
  std::string name;  // "" = the collection
  std::string subresource;
};

// nullopt when the path names no served kind.
std::optional<ResourcePath> ParseResourcePath(const ResourceCatalog& catalog, const std::string& path);

}  // namespace kic::kubefake
