#include "kube/client/discovery.h"

#include <nlohmann/json.hpp>

namespace kic::kube::client {

Served CheckServed(ApiClient& api, const ResourceInfo& resource, std::stop_token stop) {
  ApiResponse response = api.Get(resource.GroupVersionPath(), stop);
  if (response.status == 404) return Served::kNo;
  if (!response.ok()) return Served::kUnknown;
  auto list = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!list.is_object()) return Served::kUnknown;
  auto resources = list.find("resources");
  if (resources == list.end() || !resources->is_array()) return Served::kNo;
  for (const auto& r : *resources)
    if (r.is_object() && r.value("name", "") == resource.plural) return Served::kYes;
  return Served::kNo;
}

}  // namespace kic::kube::client
