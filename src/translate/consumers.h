#pragma once

#include "translate/state.h"

namespace kic::translate {

// KongConsumers of this ingress class, with the credentials from their Secrets
// (labelled konghq.com/credential: <type>). A consumer with a broken credential is reported and
// left out, so that Kong never gets a half-configured consumer.
std::vector<kong::Consumer> BuildConsumers(Context& ctx);

}  // namespace kic::translate
