#pragma once

#include "translate/state.h"

namespace kic::translate {

// KongVaults of this ingress class. Prefixes must be unique: the oldest vault (then the
// lexically smallest name) keeps a prefix; the others are reported and left out.
std::vector<kong::Vault> BuildVaults(Context& ctx);

}  // namespace kic::translate
