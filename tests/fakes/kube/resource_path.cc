#include "resource_path.h"

#include <vector>

#include "common/strings.h"

namespace kic::kubefake {

std::optional<ResourcePath> ParseResourcePath(const ResourceCatalog& catalog, const std::string& path) {
  std::vector<std::string> parts = Split(TrimChars(path, "/"), "/");
  std::string group, version;
  size_t rest = 0;
  if (parts.size() >= 3 && parts[0] == "api") {
    version = parts[1];
    rest = 2;
  } else if (parts.size() >= 4 && parts[0] == "apis") {
    group = parts[1];
    version = parts[2];
    rest = 3;
  } else {
    return std::nullopt;
  }
  std::vector<std::string> tail(parts.begin() + static_cast<long>(rest), parts.end());
  ResourcePath out;
  out.version = version;
  // /namespaces/NS/PLURAL/... when the third segment names a namespaced kind; otherwise a
  // top-level collection (which includes /namespaces/NAME/status).
  if (tail.size() >= 3 && tail[0] == "namespaces") {
    const ResourceType* t = catalog.Find(group, version, tail[2]);
    if (t != nullptr && t->namespaced) {
      out.type = t;
      out.ns = tail[1];
      tail.erase(tail.begin(), tail.begin() + 2);
    }
  }
  if (out.type == nullptr) {
    out.type = catalog.Find(group, version, tail[0]);
    if (out.type == nullptr) return std::nullopt;
  }
  if (tail.size() > 3) return std::nullopt;
  if (tail.size() >= 2) out.name = tail[1];
  if (tail.size() == 3) out.subresource = tail[2];
  for (const auto& p : tail) {
    if (p.empty()) return std::nullopt;
  }
  return out;
}

}  // namespace kic::kubefake
