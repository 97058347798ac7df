#pragma once

#include "translate/state.h"

namespace kic::translate {

// GRPCRoutes → one Kong service per rule (per hostname and rule with expression routes) and one
// route per match (kic-behaviour.md §4.4, kic-expressions-and-status.md §1.5). Records status.
void TranslateGRPCRoutes(Context& ctx);

}  // namespace kic::translate
