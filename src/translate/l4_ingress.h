#pragma once

#include "translate/state.h"

namespace kic::translate {

// TCPIngress and UDPIngress (configuration.konghq.com/v1beta1): one stream route per rule, matching
// the Kong listen port (and, for TCP with TLS, the SNI), to a tcp/udp Kong service per backend.
void TranslateL4Ingresses(Context& ctx);

// Expression form of a stream route (kic-expressions-and-status.md §1.6): SNIs and destination
// ports become the expression, priority 1.
void ApplyL4Expression(kong::Route& route);

}  // namespace kic::translate
