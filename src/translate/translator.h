#pragma once

#include <vector>

#include "common/problem.h"
#include "kong/config.h"
#include "kube/store.h"
#include "translate/certificates.h"
#include "translate/options.h"
#include "translate/status.h"
#include "translate/upstream_targets.h"

namespace kic::translate {

struct Result {
  kong::Config config;
  std::vector<Problem> problems;       // per object; everything else was still translated
  std::vector<StatusUpdate> statuses;  // status the translation computed for objects (Gateway API)
  TargetRecipes target_recipes;        // what each upstream's targets come from, to recompute them alone
};

// The whole translation: a store snapshot in, the Kong configuration KIC would push plus the
// problems found, out. Pure: no I/O, no clock, the same input always gives the same output.
// `key_pairs` may be kept across calls (see KeyPairCache); without it each call checks afresh.
Result Translate(const kube::Store& store, const Options& options, KeyPairCache* key_pairs = nullptr);

}  // namespace kic::translate
