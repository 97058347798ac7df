#include "translate/options.h"

#include "common/strings.h"

namespace kic::translate {

bool SetFeatureGate(std::string_view name, bool value, FeatureFlags& flags) {
  if (name == "ExpressionRoutes") {
    flags.expression_routes = value;
  } else if (name == "FillIDs") {
    flags.fill_ids = value;
  } else if (name == "RewriteURIs") {
    flags.rewrite_uris = value;
  } else if (name == "KongServiceFacade") {
    flags.kong_service_facade = value;
  } else if (name == "KongCustomEntity") {
    flags.kong_custom_entity = value;
  } else if (name == "GatewayAlpha") {
    flags.gateway_alpha = value;
  } else if (name == "FallbackConfiguration" || name == "SanitizeKonnectConfigDumps") {
    // Accepted for compatibility; fallback is always on here and Konnect is not supported.
  } else {
    return false;
  }
  return true;
}

std::string ApplyFeatureGates(std::string_view spec, FeatureFlags& flags) {
  if (TrimSpace(spec).empty()) return "";
  for (const auto& item : Split(spec, ",")) {
    const auto entry = TrimSpace(item);
    if (entry.empty()) continue;
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos)
      return "feature gate '" + std::string(entry) + "' must be Name=true|false";
    const auto name = TrimSpace(entry.substr(0, eq));
    const auto value = ParseGoBool(TrimSpace(entry.substr(eq + 1)));
    if (!value) return "feature gate " + std::string(name) + ": expected true or false";
    if (!SetFeatureGate(name, *value, flags)) return "unknown feature gate '" + std::string(name) + "'";
  }
  return "";
}

}  // namespace kic::translate
