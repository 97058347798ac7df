#include "controller/watched_kinds.h"

#include "kube/client/resources.h"

namespace kic::controller {

std::vector<std::string> WatchedKinds(const translate::FeatureFlags& gates) {
  std::vector<std::string> kinds;
  for (const auto& resource : kube::client::WatchedResources()) {
    const std::string& kind = resource.kind;
    if ((kind == "TCPRoute" || kind == "UDPRoute" || kind == "TLSRoute") && !gates.gateway_alpha) continue;
    if (kind == "KongServiceFacade" && !gates.kong_service_facade) continue;
    if (kind == "KongCustomEntity" && !gates.kong_custom_entity) continue;
    kinds.push_back(kind);
  }
  return kinds;
}

}  // namespace kic::controller
