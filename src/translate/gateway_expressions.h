#pragma once

// Expression-router matchers and priorities of HTTPRoute and GRPCRoute matches
// (kic-expressions-and-status.md §1.4, §1.5), and the tie-breaking "relative order" both add.

#include <cstdint>
#include <string>
#include <vector>

#include "kube/gateway_objects.h"

namespace kic::translate {

struct MatchExpression {
  std::string expression;
  uint64_t priority = 0;  // the base priority, before the relative order is added
};

// One split HTTPRoute match: `host` is one hostname of the route ("" for none), `snis` the
// konghq.com/snis values, `prefix_rewrite` whether the rule rewrites with ReplacePrefixMatch.
MatchExpression HttpRouteMatchExpression(const std::string& host, const std::vector<std::string>& snis,
                                         const kube::HTTPRouteMatch& match, bool prefix_rewrite);

// One split GRPCRoute match (a rule without matches is given an empty one).
MatchExpression GrpcRouteMatchExpression(const std::string& host, const std::vector<std::string>& snis,
                                         const kube::GRPCRouteMatch& match);

// What orders split matches that share a base priority.
struct PriorityCandidate {
  uint64_t base = 0;
  int64_t created = 0;
  std::string ns, name;
  size_t rule = 0, match = 0, host_index = 0;
  uint64_t* out = nullptr;  // receives base + relative order
};

// Buckets candidates by base; a bucket of one gets `max`, larger buckets are ordered by creation
// time, namespace, name, rule, match (later hostnames first, as Go's stable sort leaves them) and
// get max, max-1, ... (not below 0).
void AssignRelativeOrder(std::vector<PriorityCandidate>& candidates, uint64_t max);

}  // namespace kic::translate
