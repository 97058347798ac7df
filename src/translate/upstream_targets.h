#pragma once

// An upstream's targets: the ready Pod addresses of its backend Services, from EndpointSlices.
// Kept apart from BuildUpstreams, with what they depend on written down (TargetRecipe), so that
// an EndpointSlice change recomputes the targets of the upstreams it touches, with this same
// code, instead of translating the whole cluster again.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kong/config.h"
#include "kube/store.h"
#include "translate/options.h"

namespace kic::translate {

// A Service port a backend resolved to.
struct ResolvedPort {
  int64_t port = 0;
  std::string name;
  kube::IntOrString target_port;
};

struct TargetBackend {
  std::string ns;
  std::string service;
  ResolvedPort port;
  std::optional<int64_t> weight;  // the backend's weight, spread over its targets
};

// What an upstream's targets depend on besides the store's Services and EndpointSlices.
struct TargetRecipe {
  std::vector<TargetBackend> backends;
  bool service_upstream = false;  // IngressClassParameters serviceUpstream: one DNS target per Service
};

// Upstream name -> recipe.
using TargetRecipes = std::unordered_map<std::string, TargetRecipe>;

// The upstream's targets: merged across backends (the same ip:port twice is one target with the
// summed weight) and in the order KIC writes them.
std::vector<kong::Target> BuildTargets(const kube::Store& store, const Options& options,
                                       const TargetRecipe& recipe);

}  // namespace kic::translate
