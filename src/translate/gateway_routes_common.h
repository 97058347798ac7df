#pragma once

// Pieces every Gateway API route translator shares: the order routes are visited in, Kong
// protocols from the attached listeners, tags of named rules, and the route status they record.

#include <algorithm>
#include <string>
#include <vector>

#include "kong/config.h"
#include "translate/gateway_attachment.h"
#include "translate/gateway_backends.h"
#include "translate/gateway_expressions.h"
#include "translate/state.h"
#include "translate/tags.h"

namespace kic::translate {

// All objects of kind T, oldest first, then by namespace and name.
template <class T>
std::vector<const T*> SortedObjects(const kube::Store& store) {
  std::vector<const T*> out;
  for (const auto& obj : store.Of<T>().items()) out.push_back(obj.get());
  std::sort(out.begin(), out.end(), [](const T* a, const T* b) {
    if (a->meta.creation_timestamp != b->meta.creation_timestamp)
      return a->meta.creation_timestamp < b->meta.creation_timestamp;
    if (a->meta.namespace_ != b->meta.namespace_) return a->meta.namespace_ < b->meta.namespace_;
    return a->meta.name < b->meta.name;
  });
  return out;
}

// "k8s-named-route-rule:<name>" tags, appended to `tags` for each named rule, without repeats.
void AddNamedRuleTag(kong::Tags& tags, const std::optional<std::string>& rule_name);

// The sorted set of Kong protocols (e.g. "http"/"https") that `by_listener_protocol` maps the
// listeners' protocols to; nullopt when there is none.
std::optional<std::vector<std::string>> ListenerProtocols(
    const std::vector<const kube::Listener*>& listeners,
    const std::vector<std::pair<std::string, std::string>>& by_listener_protocol);

// The konghq.com/snis annotation of a route, split and trimmed.
std::vector<std::string> SnisAnnotation(const kube::ObjectMeta& meta);

// "*" in a hostname becomes "_" in Kong entity names.
std::string HostNamePart(const std::string& host);

// One expression-router split of a route (KIC's hostname x rule x match): `host` is "" when the
// route has no hostname, `host_part` the name segment for it ("_" for none, "*" written "_"), and
// `match` is nullptr for a rule without matches (which still yields one split, index 0).
template <class Match>
struct ExpressionSplit {
  size_t host_index = 0;
  const std::string& host;
  const std::string& host_part;
  size_t rule = 0;
  size_t match_index = 0;
  const Match* match = nullptr;
};

// Calls emit(ExpressionSplit) for every split of `rules` over `hosts`, hostnames outermost, in the
// order KIC names and counts them.
template <class Rule, class Emit>
void ForEachExpressionSplit(const std::vector<std::string>& hosts, const std::vector<Rule>& rules,
                            Emit&& emit) {
  using Match = typename decltype(Rule::matches)::value_type;
  const std::vector<std::string> no_host{std::string()};
  const auto& split_hosts = hosts.empty() ? no_host : hosts;
  for (size_t h = 0; h < split_hosts.size(); ++h) {
    const std::string host_part = split_hosts[h].empty() ? "_" : HostNamePart(split_hosts[h]);
    for (size_t i = 0; i < rules.size(); ++i) {
      const auto& matches = rules[i].matches;
      const size_t n = std::max<size_t>(1, matches.size());
      for (size_t j = 0; j < n; ++j)
        emit(ExpressionSplit<Match>{h, split_hosts[h], host_part, i, j,
                                    matches.empty() ? nullptr : &matches[j]});
    }
  }
}

// Expression routes of one route kind: each route's base priority is noted as its draft is made,
// and the relative order (kic-expressions-and-status.md 1.4) is settled once every route of the
// kind is in. Route drafts are found again by service and index, which stay valid while the
// services' route lists only grow.
class ExpressionPriorities {
 public:
  void Add(ServiceDraft& service, uint64_t base, const kube::ObjectMeta& meta, size_t rule, size_t match,
           size_t host_index);
  // Writes base + relative order (at most `relative_max`) into every noted route.
  void Assign(uint64_t relative_max);

 private:
  std::vector<PriorityCandidate> candidates_;
  std::vector<std::pair<ServiceDraft*, size_t>> where_;
};

// Records the route's status.parents (kic-expressions-and-status.md §3.4) in ctx.statuses.
// `resolved` is set for kinds that report ResolvedRefs (HTTPRoute); `programmed` says whether
// translation succeeded.
void RecordRouteStatus(Context& ctx, const RouteRef& route, const Attachment& attachment,
                       const ResolvedBackends* resolved, bool programmed);

}  // namespace kic::translate
