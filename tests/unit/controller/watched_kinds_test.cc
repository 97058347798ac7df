#include "controller/watched_kinds.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kic::controller {
namespace {

bool Has(const std::vector<std::string>& kinds, const std::string& kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

TEST(WatchedKinds, GatedKindsOnlyWithTheirGate) {
  translate::FeatureFlags defaults;  // KIC's defaults: GatewayAlpha and KongServiceFacade off
  const auto kinds = WatchedKinds(defaults);
  for (const char* gated : {"TCPRoute", "UDPRoute", "TLSRoute", "KongServiceFacade"})
    EXPECT_FALSE(Has(kinds, gated)) << gated;
  for (const char* always : {"Ingress", "Service", "EndpointSlice", "Secret", "HTTPRoute", "Gateway",
                             "KongPlugin", "Namespace", "KongCustomEntity"})
    EXPECT_TRUE(Has(kinds, always)) << always;

  translate::FeatureFlags all;
  all.gateway_alpha = true;
  all.kong_service_facade = true;
  const auto more = WatchedKinds(all);
  for (const char* gated : {"TCPRoute", "UDPRoute", "TLSRoute", "KongServiceFacade"})
    EXPECT_TRUE(Has(more, gated)) << gated;

  translate::FeatureFlags no_custom;
  no_custom.kong_custom_entity = false;
  EXPECT_FALSE(Has(WatchedKinds(no_custom), "KongCustomEntity"));
}

}  // namespace
}  // namespace kic::controller
