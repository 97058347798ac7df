#pragma once

// The defaults the API server fills into Gateway API objects (from the CRDs' OpenAPI schemas).
// Applied when Options::apply_api_defaults is set; KIC's golden tests load objects without them,
// which is why, e.g., a backendRef without `kind` is dropped there.

#include "kube/gateway_objects.h"

namespace kic::translate {

void ApplyApiDefaults(kube::HTTPRoute& route);
void ApplyApiDefaults(kube::GRPCRoute& route);
void ApplyApiDefaults(kube::Gateway& gateway);
void ApplyApiDefaults(std::vector<kube::ParentReference>& parents);
void ApplyApiDefaults(std::vector<kube::L4RouteRule>& rules);

}  // namespace kic::translate
