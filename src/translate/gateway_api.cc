#include "translate/gateway_api.h"

#include "translate/gateway_certificates.h"
#include "translate/gateway_status.h"
#include "translate/grpcroute.h"
#include "translate/httproute.h"
#include "translate/l4routes.h"

namespace kic::translate {

void TranslateGatewayApi(Context& ctx) {
  // KIC's order (translator.go): HTTPRoute, UDPRoute, TCPRoute, TLSRoute, GRPCRoute.
  TranslateHTTPRoutes(ctx);
  TranslateL4Routes(ctx);
  TranslateGRPCRoutes(ctx);
  ClaimGatewayCertificates(ctx);
  RecordGatewayStatuses(ctx);
}

}  // namespace kic::translate
