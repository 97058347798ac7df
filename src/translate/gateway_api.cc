#include "translate/gateway_api.h"

namespace kic::translate {

void TranslateGatewayApi(Context& /*ctx*/) {}

}  // namespace kic::translate
