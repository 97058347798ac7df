#include "translate/gateway_routes_common.h"

#include <set>

#include "common/strings.h"

namespace kic::translate {

void AddNamedRuleTag(kong::Tags& tags, const std::optional<std::string>& rule_name) {
  if (!rule_name || rule_name->empty()) return;
  std::string tag = "k8s-named-route-rule:" + *rule_name;
  if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
}

std::optional<std::vector<std::string>> ListenerProtocols(
    const std::vector<const kube::Listener*>& listeners,
    const std::vector<std::pair<std::string, std::string>>& by_listener_protocol) {
  std::set<std::string> out;
  for (const auto* l : listeners)
    for (const auto& [listener_protocol, kong_protocol] : by_listener_protocol)
      if (l->protocol == listener_protocol) out.insert(kong_protocol);
  if (out.empty()) return std::nullopt;
  return std::vector<std::string>(out.begin(), out.end());
}

std::vector<std::string> SnisAnnotation(const kube::ObjectMeta& meta) {
  std::vector<std::string> out;
  const auto* v = meta.annotations.Find("konghq.com/snis");
  if (!v) return out;
  for (const auto& piece : Split(*v, ",")) {
    std::string sni(TrimSpace(piece));
    if (!sni.empty()) out.push_back(std::move(sni));
  }
  return out;
}

std::string HostNamePart(const std::string& host) {
  return ReplaceAll(host, "*", "_");
}

void ExpressionPriorities::Add(ServiceDraft& service, uint64_t base, const kube::ObjectMeta& meta,
                               size_t rule, size_t match, size_t host_index) {
  candidates_.push_back(PriorityCandidate{base, meta.creation_timestamp, meta.namespace_, meta.name, rule,
                                          match, host_index, nullptr});
  where_.emplace_back(&service, service.routes.size() - 1);
}

void ExpressionPriorities::Assign(uint64_t relative_max) {
  std::vector<uint64_t> priorities(candidates_.size());
  for (size_t i = 0; i < candidates_.size(); ++i) candidates_[i].out = &priorities[i];
  AssignRelativeOrder(candidates_, relative_max);
  for (size_t i = 0; i < where_.size(); ++i)
    where_[i].first->routes[where_[i].second].route.priority = priorities[i];
}

void RecordRouteStatus(Context& ctx, const RouteRef& route, const Attachment& attachment,
                       const ResolvedBackends* resolved, bool programmed) {
  if (attachment.parents.empty()) return;
  nlohmann::json parents = nlohmann::json::array();
  const int64_t generation = route.meta->generation;
  for (const auto& p : attachment.parents) {
    nlohmann::json ref = {{"group", std::string(kGatewayGroup)},
                          {"kind", "Gateway"},
                          {"namespace", p.gateway->meta.namespace_},
                          {"name", p.gateway->meta.name}};
    if (p.ref->section_name && !p.ref->section_name->empty()) ref["sectionName"] = *p.ref->section_name;
    nlohmann::json conditions = nlohmann::json::array();
    conditions.push_back({{"type", "Accepted"},
                          {"status", p.accepted ? "True" : "False"},
                          {"reason", p.reason},
                          {"message", ""},
                          {"observedGeneration", generation}});
    if (resolved) {
      const bool ok = resolved->reason == "ResolvedRefs";
      conditions.push_back({{"type", "ResolvedRefs"},
                            {"status", ok ? "True" : "False"},
                            {"reason", resolved->reason},
                            {"message", resolved->message},
                            {"observedGeneration", generation}});
    }
    // KIC's own condition; True once the translated route is in the configuration.
    // A parent that does not accept the route never sees it configured: Unknown, as KIC starts.
    std::string status = "Unknown", reason = "Unknown";
    if (p.accepted && attachment.translate) {
      status = programmed ? "True" : "False";
      reason = programmed ? "ConfiguredInGateway" : "TranslationError";
    }
    conditions.push_back({{"type", "Programmed"},
                          {"status", status},
                          {"reason", reason},
                          {"message", ""},
                          {"observedGeneration", generation}});
    parents.push_back({{"parentRef", ref},
                       {"controllerName", ctx.options.gateway_api_controller_name},
                       {"conditions", conditions}});
  }
  StatusUpdate update;
  update.api_version = route.meta->api_version;
  update.kind = std::string(route.kind);
  update.namespace_ = route.meta->namespace_;
  update.name = route.meta->name;
  update.status = {{"parents", parents}};
  ctx.statuses.push_back(std::move(update));
}

}  // namespace kic::translate
