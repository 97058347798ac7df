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
  // Apply the defaults the API server would (e.g. Gateway API backendRef kind Service). Off for
  // objects loaded exactly as written (kic translate --no-defaults, KIC's golden tests).
  bool apply_api_defaults = true;
  // Translate only Gateway API routes a Gateway of ours accepts (the live controller). Off for
  // objects taken as KIC's cache holds them (kic translate --no-defaults, KIC's golden tests).
  bool routes_need_accepting_gateway = true;
  // Gateway API.
  std::string gateway_api_controller_name = "konghq.com/kic-gateway-controller";
  std::vector<std::string> publish_services;          // --publish-service (ns/name), then -udp
  std::vector<std::string> publish_status_addresses;  // --publish-status-address, then -udp
};

// Applies "Name=true,Other=false" (KIC's --feature-gates, plus ExpressionRoutes, which KIC takes
// from Kong's router flavor). Returns an error message for an unknown gate or a bad value, "" on success.
std::string ApplyFeatureGates(std::string_view spec, FeatureFlags& flags);
// Sets one gate by name; false when the name is unknown.
bool SetFeatureGate(std::string_view name, bool value, FeatureFlags& flags);

}  // namespace kic::translate
