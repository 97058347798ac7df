#pragma once

#include "translate/state.h"

namespace kic::translate {

// HTTPRoutes → Kong services (one per group of rules with identical backendRefs) and routes, with
// filter plugins; traditional or expression routes by the ExpressionRoutes flag
// (kic-behaviour.md §4.2, kic-expressions-and-status.md §1.4). Records each route's status.
void TranslateHTTPRoutes(Context& ctx);

}  // namespace kic::translate
