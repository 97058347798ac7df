#pragma once

#include <vector>

#include "translate/state.h"

namespace kic::translate {

// The Ingresses this controller owns (ingress class rules), oldest first, ties by namespace/name.
std::vector<const kube::Ingress*> SelectIngresses(const Context& ctx);

// Adds Kong services and routes for every rule and path of the Ingresses, the default backend of the
// oldest Ingress that has one, and their TLS sections as Secret claims. A broken Ingress is reported
// and skipped; the others are still translated.
void TranslateIngresses(Context& ctx, const std::vector<const kube::Ingress*>& ingresses);

}  // namespace kic::translate
