#include "translate/gateway_status.h"

#include <arpa/inet.h>

#include <algorithm>
#include <map>
#include <set>

#include "translate/gateway_attachment.h"
#include "translate/gateway_certificates.h"
#include "translate/gateway_defaults.h"
#include "translate/gateway_listeners.h"
#include "translate/gateway_routes_common.h"

namespace kic::translate {
namespace {

constexpr std::string_view kUnmanagedAnnotation = "konghq.com/gatewayclass-unmanaged";

nlohmann::json Condition(std::string_view type, std::string_view status, std::string_view reason,
                         std::string_view message, int64_t generation) {
  return {{"type", type},
          {"status", status},
          {"reason", reason},
          {"message", message},
          {"observedGeneration", generation}};
}

bool IsIp(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

nlohmann::json Addresses(const Context& ctx) {
  nlohmann::json out = nlohmann::json::array();
  if (!ctx.options.publish_status_addresses.empty()) {
    for (const auto& a : ctx.options.publish_status_addresses)
      out.push_back({{"type", IsIp(a) ? "IPAddress" : "Hostname"}, {"value", a}});
    return out;
  }
  // KIC prepends each LoadBalancer ingress IP, then hostname: the list ends up reversed.
  std::vector<nlohmann::json> found;
  for (const auto& key : ctx.options.publish_services) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) continue;
    const auto* svc = ctx.store.services().Get(key.substr(0, slash), key.substr(slash + 1));
    if (!svc || svc->type != "LoadBalancer") continue;
    for (const auto& ip : svc->load_balancer_ips) found.push_back({{"type", "IPAddress"}, {"value", ip}});
    for (const auto& host : svc->load_balancer_hostnames)
      found.push_back({{"type", "Hostname"}, {"value", host}});
  }
  for (auto it = found.rbegin(); it != found.rend(); ++it) out.push_back(*it);
  return out;
}

// HTTPRoutes attached to each listener (KIC counts HTTPRoutes only), by listener name.
std::map<std::string, int64_t> AttachedRoutes(const Context& ctx, const kube::Gateway& gateway) {
  std::map<std::string, int64_t> out;
  for (const auto* original : SortedObjects<kube::HTTPRoute>(ctx.store)) {
    kube::HTTPRoute route = *original;
    if (ctx.options.apply_api_defaults) ApplyApiDefaults(route);
    const Attachment a =
        Attach(ctx, {kube::HTTPRoute::kKind, &original->meta, &route.parent_refs, &route.hostnames});
    std::set<std::string> listeners;
    for (const auto& p : a.parents)
      if (p.gateway == &gateway)
        for (const auto* l : p.listeners) listeners.insert(l->name);
    for (const auto& name : listeners) ++out[name];
  }
  return out;
}

nlohmann::json ListenerStatuses(const Context& ctx, const kube::Gateway& gateway) {
  const int64_t gen = gateway.meta.generation;
  const auto attached = AttachedRoutes(ctx, gateway);
  const auto states = ComputeListenerStates(ctx, gateway);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < gateway.listeners.size(); ++i) {
    const auto& l = gateway.listeners[i];
    const auto& state = states[i];
    nlohmann::json kinds = nlohmann::json::array();
    for (const auto& k : state.supported_kinds) kinds.push_back({{"group", *k.group}, {"kind", k.kind}});
    std::vector<nlohmann::json> conditions;
    if (!state.refs_problem.empty())
      conditions.push_back(Condition("ResolvedRefs", "False", state.refs_problem, "", gen));
    if (!state.conflict.empty())
      conditions.push_back(Condition("Conflicted", "True", state.conflict, "", gen));
    if (conditions.empty()) {
      conditions.push_back(Condition("Conflicted", "False", "NoConflicts", "", gen));
      conditions.push_back(Condition("ResolvedRefs", "True", "ResolvedRefs", "", gen));
      conditions.push_back(Condition("Programmed", "True", "Programmed", "", gen));
    } else {
      conditions.push_back(Condition("Programmed", "False", "Invalid", "", gen));
    }
    conditions.push_back(Condition("Accepted", "True", "Accepted", "", gen));
    auto sort_key = [](const nlohmann::json& c) {
      return c["type"].get<std::string>() + c["status"].get<std::string>() + c["reason"].get<std::string>() +
             c["message"].get<std::string>();
    };
    std::sort(conditions.begin(), conditions.end(),
              [&](const auto& a, const auto& b) { return sort_key(a) < sort_key(b); });
    const auto it = attached.find(l.name);
    out.push_back({{"name", l.name},
                   {"supportedKinds", kinds},
                   {"attachedRoutes", it == attached.end() ? 0 : it->second},
                   {"conditions", conditions}});
  }
  return out;
}

}  // namespace

void RecordGatewayStatuses(Context& ctx) {
  const std::string& controller = ctx.options.gateway_api_controller_name;
  for (const auto* gc : SortedObjects<kube::GatewayClass>(ctx.store)) {
    if (gc->controller_name != controller) continue;
    StatusUpdate update{gc->meta.api_version, kube::GatewayClass::kKind, "", gc->meta.name, {}};
    update.status = {{"conditions",
                      nlohmann::json::array({Condition("Accepted", "True", "Accepted",
                                                       "the gatewayclass has been accepted by the controller",
                                                       gc->meta.generation)})}};
    ctx.statuses.push_back(std::move(update));
  }
  for (const auto* original : SortedObjects<kube::Gateway>(ctx.store)) {
    const auto* gc = ctx.store.Of<kube::GatewayClass>().Get("", original->gateway_class_name);
    if (!gc || gc->controller_name != controller || gc->meta.annotations.Get(kUnmanagedAnnotation).empty())
      continue;
    kube::Gateway gateway = *original;
    if (ctx.options.apply_api_defaults) ApplyApiDefaults(gateway);
    const int64_t gen = gateway.meta.generation;
    nlohmann::json status = {
        {"conditions",
         nlohmann::json::array(
             {Condition("Accepted", "True", "Accepted",
                        "this unmanaged gateway has been picked up by the controller and will be processed",
                        gen),
              Condition("Programmed", "True", "Programmed", "", gen)})},
        {"listeners", ListenerStatuses(ctx, *original)}};
    if (auto addresses = Addresses(ctx); !addresses.empty()) status["addresses"] = std::move(addresses);
    StatusUpdate update{gateway.meta.api_version, kube::Gateway::kKind, gateway.meta.namespace_,
                        gateway.meta.name, std::move(status)};
    ctx.statuses.push_back(std::move(update));
  }
}

void MarkRouteTranslationFailures(std::vector<StatusUpdate>& statuses, const std::vector<Problem>& problems) {
  std::set<std::string> failed;
  for (const auto& p : problems) failed.insert(p.object);
  for (auto& s : statuses) {
    if (!s.status.contains("parents") || !failed.count(s.kind + " " + s.namespace_ + "/" + s.name)) continue;
    for (auto& parent : s.status["parents"])
      for (auto& c : parent["conditions"])
        if (c["type"] == "Programmed" && c["status"] == "True") {
          c["status"] = "False";
          c["reason"] = "TranslationError";
        }
  }
}

}  // namespace kic::translate
