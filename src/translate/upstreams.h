#pragma once

#include "translate/state.h"
#include "translate/upstream_targets.h"

namespace kic::translate {

// One upstream per distinct Kong service host, with a target per ready endpoint of its backends
// (Pod IPs from EndpointSlices; IPv6 bracketed), or the Service's DNS name for service-upstream and
// ExternalName Services. Sets each Kong service's port to the resolved Service port. `recipes`, when
// given, receives what each upstream's targets were built from (see BuildTargets).
std::vector<kong::Upstream> BuildUpstreams(Context& ctx, TargetRecipes* recipes = nullptr);

}  // namespace kic::translate
