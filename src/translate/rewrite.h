#pragma once

#include "translate/state.h"

namespace kic::translate {

// konghq.com/rewrite on an Ingress (RewriteURIs gate): a request-transformer plugin on each of its
// routes that replaces the URI, with $N standing for the N-th regex capture of the path.
void ApplyRewrite(RouteDraft& route, Context& ctx);

}  // namespace kic::translate
