#pragma once

#include <string>
#include <vector>

#include "translate/options.h"

namespace kic::controller {

// The kinds `kic run` watches: every row of WatchedResources() except those whose feature gate is
// off, as KIC does (TCPRoute/UDPRoute/TLSRoute need GatewayAlpha, KongServiceFacade its gate,
// KongCustomEntity its gate). Besides saving the watches, this keeps kic within the RBAC that
// Kong's charts grant KIC, which has no rules for gated kinds when their gate is off.
std::vector<std::string> WatchedKinds(const translate::FeatureFlags& gates);

}  // namespace kic::controller
