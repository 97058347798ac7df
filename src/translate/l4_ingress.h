#pragma once

#include "translate/state.h"

namespace kic::translate {

// TCPIngress and UDPIngress (configuration.konghq.com/v1beta1): one stream route per rule, matching
// the Kong listen port (and, for TCP with TLS, the SNI), to a tcp/udp Kong service per backend.
void TranslateL4Ingresses(Context& ctx);

}  // namespace kic::translate
