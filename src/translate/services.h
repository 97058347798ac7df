#pragma once

#include "translate/state.h"

namespace kic::translate {

// Resolves the Kubernetes Services behind every Kong service, sets the service's tags from them,
// records Secrets they need (client certificates) and applies their service-level annotations.
// A backend whose Service is missing is reported on the object that referenced it; its Kong service
// keeps KIC's placeholder tags.
void PopulateServices(Context& ctx);

}  // namespace kic::translate
