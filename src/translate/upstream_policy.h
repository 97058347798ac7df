#pragma once

#include "translate/state.h"

namespace kic::translate {

// Load-balancing settings for a Kong service's upstream: the KongUpstreamPolicy named by
// konghq.com/upstream-policy on its Services (or facade), else the legacy KongIngress named by
// konghq.com/override (its upstream section only, reported as deprecated). Every Service behind one
// Kong service must name the same policy.
void ApplyUpstreamPolicy(kong::Upstream& upstream, const ServiceDraft& draft, Context& ctx);

}  // namespace kic::translate
