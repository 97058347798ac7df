#include "translate/gateway_listeners.h"

#include <algorithm>

#include "translate/gateway_attachment.h"
#include "translate/gateway_certificates.h"

namespace kic::translate {
namespace {

constexpr std::string_view kUnmanagedAnnotation = "konghq.com/gatewayclass-unmanaged";

// Protocols that may share a port (KIC's listener compatibility): HTTP only with HTTP, HTTPS and
// TLS with each other, TCP and UDP with nothing.
bool Shareable(const std::string& a, const std::string& b) {
  if (a == "TCP" || a == "UDP" || b == "TCP" || b == "UDP") return false;
  if (a == "HTTP" || b == "HTTP") return a == b;
  return true;
}

ListenerState FromStoredStatus(const kube::Gateway& gateway, const kube::Listener& listener) {
  ListenerState out;
  for (const auto& s : gateway.listener_statuses) {
    if (s.name != listener.name) continue;
    out.present = true;
    out.supported_kinds = s.supported_kinds;
    out.programmed = std::any_of(s.conditions.begin(), s.conditions.end(),
                                 [](const auto& c) { return c.type == "Programmed" && c.status == "True"; });
    break;
  }
  return out;
}

bool RequirementHolds(const kube::LabelSelectorRequirement& r, const kube::StringMap& labels) {
  const auto* value = labels.Find(r.key);
  const bool listed = value && std::find(r.values.begin(), r.values.end(), *value) != r.values.end();
  if (r.op == "In") return listed;
  if (r.op == "NotIn") return !listed;
  if (r.op == "Exists") return value != nullptr;
  if (r.op == "DoesNotExist") return value == nullptr;
  return false;
}

}  // namespace

bool WritesGatewayStatus(const Context& ctx, const kube::Gateway& gateway) {
  const auto* gc = ctx.store.Of<kube::GatewayClass>().Get("", gateway.gateway_class_name);
  return gc && gc->controller_name == ctx.options.gateway_api_controller_name &&
         !gc->meta.annotations.Get(kUnmanagedAnnotation).empty();
}

std::vector<ListenerState> ListenerStates(const Context& ctx, const kube::Gateway& gateway) {
  // Objects taken as KIC's cache holds them (golden tests) keep the status they were written with.
  if (ctx.options.routes_need_accepting_gateway && WritesGatewayStatus(ctx, gateway))
    return ComputeListenerStates(ctx, gateway);
  std::vector<ListenerState> out(gateway.listeners.size());
  for (size_t i = 0; i < gateway.listeners.size(); ++i)
    out[i] = FromStoredStatus(gateway, gateway.listeners[i]);
  return out;
}

std::vector<ListenerState> ComputeListenerStates(const Context& ctx, const kube::Gateway& gateway) {
  std::vector<ListenerState> out(gateway.listeners.size());
  for (size_t i = 0; i < gateway.listeners.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      const auto& a = gateway.listeners[j];
      const auto& b = gateway.listeners[i];
      if (a.port != b.port) continue;
      const std::string reason = !Shareable(a.protocol, b.protocol)                   ? "ProtocolConflict"
                                 : a.hostname.value_or("") == b.hostname.value_or("") ? "HostnameConflict"
                                                                                      : "";
      if (reason.empty()) continue;
      // Every listener on a conflicted port (or port and hostname) is marked, not only the later one.
      if (out[j].conflict.empty()) out[j].conflict = reason;
      if (out[i].conflict.empty()) out[i].conflict = reason;
    }
  }
  for (size_t i = 0; i < gateway.listeners.size(); ++i) {
    auto& s = out[i];
    const auto& l = gateway.listeners[i];
    s.present = true;
    s.supported_kinds = SupportedKinds(l, &s.invalid_kinds);
    s.refs_problem = s.invalid_kinds ? "InvalidRouteKinds" : CertificateRefProblem(ctx, gateway, l);
    s.programmed = s.refs_problem.empty() && s.conflict.empty();
  }
  return out;
}

bool SelectorMatches(const kube::LabelSelector& selector, const kube::StringMap& labels) {
  for (const auto& [key, value] : selector.match_labels.entries()) {
    const auto* got = labels.Find(key);
    if (!got || *got != value) return false;
  }
  return std::all_of(selector.match_expressions.begin(), selector.match_expressions.end(),
                     [&](const auto& r) { return RequirementHolds(r, labels); });
}

}  // namespace kic::translate
