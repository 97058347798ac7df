#include "translate/gateway_attachment.h"

#include <algorithm>

#include "translate/gateway_hostnames.h"
#include "translate/gateway_listeners.h"

namespace kic::translate {
namespace {

constexpr std::string_view kUnmanagedAnnotation = "konghq.com/gatewayclass-unmanaged";

bool HasTrueCondition(const std::vector<kube::GatewayCondition>& conditions, std::string_view type) {
  return std::any_of(conditions.begin(), conditions.end(),
                     [&](const auto& c) { return c.type == type && c.status == "True"; });
}

std::vector<kube::RouteGroupKind> DefaultKinds(std::string_view protocol) {
  const std::string group(kGatewayGroup);
  if (protocol == "HTTP" || protocol == "HTTPS") return {{group, "HTTPRoute"}, {group, "GRPCRoute"}};
  if (protocol == "TCP") return {{group, "TCPRoute"}};
  if (protocol == "UDP") return {{group, "UDPRoute"}};
  if (protocol == "TLS") return {{group, "TLSRoute"}};
  return {};
}

bool KindAllowed(const kube::Listener& listener, std::string_view kind) {
  if (listener.allowed_kinds.empty()) {
    for (const auto& k : DefaultKinds(listener.protocol))
      if (k.kind == kind) return true;
    return false;
  }
  for (const auto& k : listener.allowed_kinds)
    if (k.group.value_or(std::string(kGatewayGroup)) == kGatewayGroup && k.kind == kind) return true;
  return false;
}

// The labels of Namespace `ns`, or nullptr when the store does not hold it. Namespaces are not a
// store kind yet, so a Selector matches no namespace until they are.
const kube::StringMap* NamespaceLabels(const Context& ctx, std::string_view ns) {
  const auto* object = ctx.store.Of<kube::Namespace>().Get("", ns);
  return object ? &object->meta.labels : nullptr;
}

bool NamespaceAllowed(const Context& ctx, const kube::Listener& listener, const kube::Gateway& gateway,
                      const kube::ObjectMeta& route) {
  const std::string from = listener.namespaces_from.value_or("Same");
  if (from == "All") return true;
  if (from == "Same") return route.namespace_ == gateway.meta.namespace_;
  if (from != "Selector" || !listener.namespaces_selector) return false;
  const auto* labels = NamespaceLabels(ctx, route.namespace_);
  return labels && SelectorMatches(*listener.namespaces_selector, *labels);
}

bool ProtocolFits(const kube::Listener& listener, std::string_view kind) {
  const std::string mode = listener.tls ? listener.tls->mode.value_or("Terminate") : "";
  if (kind == "HTTPRoute")
    return (listener.protocol == "HTTP" || listener.protocol == "HTTPS") &&
           (mode.empty() || mode == "Terminate");
  if (kind == "GRPCRoute") return listener.protocol == "HTTP" || listener.protocol == "HTTPS";
  if (kind == "TCPRoute") return listener.protocol == "TCP";
  if (kind == "UDPRoute") return listener.protocol == "UDP" && !listener.tls;
  if (kind == "TLSRoute") return listener.protocol == "TLS" && mode == "Passthrough";
  return false;
}

bool IsGatewayParent(const kube::ParentReference& ref) {
  return ref.group.value_or(std::string(kGatewayGroup)) == kGatewayGroup &&
         ref.kind.value_or("Gateway") == "Gateway";
}

// The checks of §3.4 for one parentRef, with the reason of the first applicable failure.
ParentAttachment Evaluate(const Context& ctx, const RouteRef& route, const kube::ParentReference& ref,
                          const kube::Gateway& gateway) {
  const auto states = ListenerStates(ctx, gateway);
  ParentAttachment out{&ref, &gateway, false, "", {}};
  bool reached_programmed = false, section_matched = false, port_matched = false, allowed = false;
  bool hostname_failed_last = false;
  const bool has_section = ref.section_name && !ref.section_name->empty();
  for (size_t i = 0; i < gateway.listeners.size(); ++i) {
    const auto& listener = gateway.listeners[i];
    const auto& state = states[i];
    hostname_failed_last = false;
    if (!KindAllowed(listener, route.kind) || !NamespaceAllowed(ctx, listener, gateway, *route.meta))
      continue;
    if (!state.present) continue;
    const bool supported = std::any_of(state.supported_kinds.begin(), state.supported_kinds.end(),
                                       [&](const auto& k) { return k.kind == route.kind; });
    if (!supported) continue;
    allowed = true;
    if (!state.programmed) continue;
    reached_programmed = true;
    if (has_section && *ref.section_name != listener.name) continue;
    section_matched = true;
    if (ref.port && *ref.port != listener.port) continue;
    port_matched = true;
    if (!ProtocolFits(listener, route.kind)) continue;
    if (route.hostnames && !RouteHostnamesMeetListener(*route.hostnames, listener.hostname)) {
      hostname_failed_last = true;
      continue;
    }
    out.listeners.push_back(&listener);
  }
  if (!out.listeners.empty()) {
    out.accepted = true;
    out.reason = "Accepted";
  } else if (hostname_failed_last) {
    out.reason = "NoMatchingListenerHostname";
  } else if (has_section && !section_matched) {
    out.reason = reached_programmed || allowed ? "NoMatchingParent" : "NotAllowedByListeners";
  } else if (!reached_programmed) {
    out.reason = "NotAllowedByListeners";
  } else if (ref.port && !port_matched) {
    out.reason = "NoMatchingParent";
  } else if (!allowed) {
    out.reason = "NotAllowedByListeners";
  } else {
    out.reason = "NoMatchingParent";
  }
  return out;
}

// KIC's filterHostnames: each route hostname narrowed to the first listener it meets; without
// route hostnames, the listeners' hostnames unless one of them takes any host.
std::vector<std::string> FilterHostnames(const std::vector<std::string>& route_hosts,
                                         const std::vector<const kube::Listener*>& listeners) {
  std::vector<std::string> out;
  auto add = [&](std::string h) {
    if (std::find(out.begin(), out.end(), h) == out.end()) out.push_back(std::move(h));
  };
  if (route_hosts.empty()) {
    for (const auto* l : listeners)
      if (!l->hostname || l->hostname->empty()) return {};
    for (const auto* l : listeners) add(*l->hostname);
    return out;
  }
  for (const auto& h : route_hosts) {
    for (const auto* l : listeners) {
      if (auto narrowed = HostnameOnListener(h, l->hostname)) {
        add(std::move(*narrowed));
        break;
      }
    }
  }
  return out;
}

}  // namespace

bool RoutesNeedAcceptingGateway(const Options& options) {
  return options.routes_need_accepting_gateway;
}

bool IsControlledGateway(const Context& ctx, const kube::Gateway& gateway) {
  const auto* gc = ctx.store.Of<kube::GatewayClass>().Get("", gateway.gateway_class_name);
  if (!gc || gc->controller_name != ctx.options.gateway_api_controller_name) return false;
  if (!gc->meta.annotations.Get(kUnmanagedAnnotation).empty()) return true;
  return HasTrueCondition(gateway.conditions, "Accepted");
}

std::vector<kube::RouteGroupKind> SupportedKinds(const kube::Listener& listener, bool* invalid) {
  if (invalid) *invalid = false;
  if (listener.allowed_kinds.empty()) return DefaultKinds(listener.protocol);
  std::vector<kube::RouteGroupKind> out;
  for (const auto& k : listener.allowed_kinds) {
    const std::string group = k.group.value_or(std::string(kGatewayGroup));
    const bool known =
        k.kind == "HTTPRoute" || k.kind == "TCPRoute" || k.kind == "UDPRoute" || k.kind == "TLSRoute";
    if (group == kGatewayGroup && known)
      out.push_back({group, k.kind});
    else if (invalid)
      *invalid = true;
  }
  return out;
}

Attachment Attach(const Context& ctx, const RouteRef& route) {
  Attachment out;
  const bool as_cached = !RoutesNeedAcceptingGateway(ctx.options);
  for (const auto& ref : *route.parent_refs) {
    if (!IsGatewayParent(ref)) continue;
    const std::string ns = ref.namespace_.value_or(route.meta->namespace_);
    const auto* gateway = ctx.store.Of<kube::Gateway>().Get(ns, ref.name);
    if (!gateway) continue;
    out.gateway_found = true;
    if (as_cached) {
      for (const auto& l : gateway->listeners)
        if (!ref.section_name || ref.section_name->empty() || *ref.section_name == l.name)
          out.listeners.push_back(&l);
    }
    if (!IsControlledGateway(ctx, *gateway)) continue;
    ParentAttachment parent = Evaluate(ctx, route, ref, *gateway);
    if (!as_cached)
      for (const auto* l : parent.listeners) out.listeners.push_back(l);
    out.parents.push_back(std::move(parent));
  }
  const bool accepted =
      std::any_of(out.parents.begin(), out.parents.end(), [](const auto& p) { return p.accepted; });
  if (route.hostnames) out.hostnames = *route.hostnames;
  if (as_cached) {
    out.translate = true;
    return out;
  }
  out.translate = accepted;
  if (route.kind == "HTTPRoute" && accepted) {
    out.hostnames = FilterHostnames(*route.hostnames, out.listeners);
    if (!route.hostnames->empty() && out.hostnames.empty()) out.translate = false;
  }
  return out;
}

}  // namespace kic::translate
