#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kic::translate {

// The translator's switches. Names follow KIC's feature gates and translator flags.
struct FeatureFlags {
  bool expression_routes = false;    // Kong's router_flavor is "expressions"
  bool fill_ids = true;              // FillIDs gate
  bool rewrite_uris = false;         // RewriteURIs gate: konghq.com/rewrite
  bool kong_service_facade = false;  // KongServiceFacade gate
  bool kong_custom_entity = true;    // KongCustomEntity gate
  bool gateway_alpha = false;        // GatewayAlpha gate
};

struct Options {
  std::string ingress_class = "kong";
  FeatureFlags flags;
  std::string workspace;       // --kong-workspace; prefixes generated IDs' names
  std::string cluster_domain;  // --cluster-domain; suffix of service-upstream targets
  bool enable_drain_support = false;
};

// Applies "Name=true,Other=false" (KIC's --feature-gates, plus ExpressionRoutes, which KIC takes
// from Kong's router flavor). Returns an error message for an unknown gate or a bad value, "" on success.
std::string ApplyFeatureGates(std::string_view spec, FeatureFlags& flags);
// Sets one gate by name; false when the name is unknown.
bool SetFeatureGate(std::string_view name, bool value, FeatureFlags& flags);

}  // namespace kic::translate
