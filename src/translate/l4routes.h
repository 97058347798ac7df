#pragma once

#include "translate/state.h"

namespace kic::translate {

// TCPRoutes, UDPRoutes and TLSRoutes → one Kong service and route per rule, matching the attached
// listeners' ports (TCP/UDP) or the route's hostnames as SNIs (TLS) (kic-behaviour.md §4.5,
// kic-expressions-and-status.md §1.6). Behind the GatewayAlpha gate, except when objects are taken
// as KIC's cache holds them (see RoutesNeedAcceptingGateway), where the gate only decides what the
// controllers watch. Records status.
void TranslateL4Routes(Context& ctx);

// KIC's expression form of a stream route (kic-expressions-and-status.md §1.6): valid SNIs and the
// destination ports become the expression, priority 1; snis and destinations are dropped.
void L4RouteToExpression(kong::Route& route);

}  // namespace kic::translate
