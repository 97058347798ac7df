#pragma once

// Pieces every Gateway API route translator shares: the order routes are visited in, Kong
// protocols from the attached listeners, tags of named rules, and the route status they record.

#include <algorithm>
#include <string>
#include <vector>

#include "kong/config.h"
#include "translate/gateway_attachment.h"
#include "translate/gateway_backends.h"
#include "translate/state.h"
#include "translate/tags.h"

namespace kic::translate {

// All objects of kind T, oldest first, then by namespace and name.
template <class T>
std::vector<const T*> SortedObjects(const kube::Store& store) {
  std::vector<const T*> out;
  for (const auto& [key, obj] : store.Of<T>().items()) out.push_back(obj.get());
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

// Records the route's status.parents (kic-expressions-and-status.md §3.4) in ctx.statuses.
// `resolved` is set for kinds that report ResolvedRefs (HTTPRoute); `programmed` says whether
// translation succeeded.
void RecordRouteStatus(Context& ctx, const RouteRef& route, const Attachment& attachment,
                       const ResolvedBackends* resolved, bool programmed);

}  // namespace kic::translate
