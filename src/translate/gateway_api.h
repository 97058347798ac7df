#pragma once

#include "translate/state.h"

namespace kic::translate {

// Gateway API: HTTPRoute, GRPCRoute (and with GatewayAlpha TCPRoute, UDPRoute, TLSRoute) attached to
// Gateways of this controller's GatewayClasses become Kong services and routes in ctx.services, and
// listener certificates become TLS claims.
void TranslateGatewayApi(Context& ctx);

}  // namespace kic::translate
