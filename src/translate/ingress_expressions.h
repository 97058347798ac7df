#pragma once

#include "translate/state.h"

namespace kic::translate {

// Turns an Ingress route into an expressions-router route (kic-expressions-and-status.md §1.3):
// `expression` and `priority` replace hosts, paths, regex_priority and the matcher annotations.
void ApplyIngressExpression(RouteDraft& route);

}  // namespace kic::translate
