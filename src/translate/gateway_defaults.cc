#include "translate/gateway_defaults.h"

namespace kic::translate {
namespace {

constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";

void Default(std::optional<std::string>& field, const char* value) {
  if (!field) field = value;
}

void DefaultBackendRefs(std::vector<kube::GatewayBackendRef>& refs) {
  for (auto& ref : refs) {
    Default(ref.group, "");
    Default(ref.kind, "Service");
    if (!ref.weight) ref.weight = 1;
  }
}

void DefaultValueMatches(std::vector<kube::HTTPValueMatch>& matches) {
  for (auto& m : matches) Default(m.type, "Exact");
}

void DefaultFilters(std::vector<kube::HTTPRouteFilter>& filters) {
  for (auto& f : filters)
    if (f.request_redirect && !f.request_redirect->status_code) f.request_redirect->status_code = 302;
}

}  // namespace

void ApplyApiDefaults(std::vector<kube::ParentReference>& parents) {
  for (auto& p : parents) {
    Default(p.group, kGatewayGroup);
    Default(p.kind, "Gateway");
  }
}

void ApplyApiDefaults(std::vector<kube::L4RouteRule>& rules) {
  for (auto& rule : rules) DefaultBackendRefs(rule.backend_refs);
}

void ApplyApiDefaults(kube::HTTPRoute& route) {
  ApplyApiDefaults(route.parent_refs);
  // spec.rules defaults to one rule matching every path.
  if (route.rules.empty()) route.rules.emplace_back();
  for (auto& rule : route.rules) {
    if (rule.matches.empty()) rule.matches.emplace_back();
    for (auto& match : rule.matches) {
      if (!match.path) match.path = kube::HTTPPathMatch{};
      Default(match.path->type, "PathPrefix");
      Default(match.path->value, "/");
      DefaultValueMatches(match.headers);
      DefaultValueMatches(match.query_params);
    }
    DefaultFilters(rule.filters);
    DefaultBackendRefs(rule.backend_refs);
  }
}

void ApplyApiDefaults(kube::GRPCRoute& route) {
  ApplyApiDefaults(route.parent_refs);
  for (auto& rule : route.rules) {
    for (auto& match : rule.matches) {
      if (match.method) Default(match.method->type, "Exact");
      DefaultValueMatches(match.headers);
    }
    DefaultFilters(rule.filters);
    DefaultBackendRefs(rule.backend_refs);
  }
}

void ApplyApiDefaults(kube::Gateway& gateway) {
  for (auto& l : gateway.listeners) {
    Default(l.namespaces_from, "Same");
    if (l.tls) {
      Default(l.tls->mode, "Terminate");
      for (auto& ref : l.tls->certificate_refs) {
        Default(ref.group, "");
        Default(ref.kind, "Secret");
      }
    }
    for (auto& k : l.allowed_kinds) Default(k.group, kGatewayGroup);
  }
}

}  // namespace kic::translate
