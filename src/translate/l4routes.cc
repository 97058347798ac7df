#include "translate/l4routes.h"

#include "translate/atc.h"
#include "translate/gateway_defaults.h"
#include "translate/gateway_routes_common.h"
#include "translate/hostnames.h"

namespace kic::translate {
namespace {

// Kong routes of one L4 kind.
struct L4Kind {
  std::string_view kind;
  std::string_view prefix;             // tcproute, udproute, tlsroute
  std::string_view listener_protocol;  // the listeners whose ports a route matches ("" for TLS)
  std::string_view kong_protocol;      // service protocol and route protocol (TLS: see below)
};

}  // namespace

void L4RouteToExpression(kong::Route& r) {
  std::vector<std::string> snis, ports;
  if (r.snis)
    for (const auto& sni : *r.snis)
      if (IsValidSni(sni)) snis.push_back(atc::Predicate("tls.sni", "==", sni));
  if (r.destinations)
    for (const auto& d : *r.destinations)
      if (d.port) ports.push_back(atc::IntPredicate("net.dst.port", "==", *d.port));
  r.expression = atc::And({atc::Or(snis), atc::Or(ports)});
  r.priority = 1;
  r.snis.reset();
  r.destinations.reset();
}

namespace {

template <class Route>
void TranslateKind(Context& ctx, const L4Kind& kind,
                   const std::vector<std::string>* (*hostnames)(const Route&)) {
  for (const auto* original : SortedObjects<Route>(ctx.store)) {
    std::vector<kube::ParentReference> parents = original->parent_refs;
    std::vector<kube::L4RouteRule> rules = original->rules;
    if (ctx.options.apply_api_defaults) {
      ApplyApiDefaults(parents);
      ApplyApiDefaults(rules);
    }
    const RouteRef ref{kind.kind, &original->meta, &parents, hostnames(*original)};
    const Attachment attachment = Attach(ctx, ref);
    bool programmed = false;
    if (attachment.translate) {
      if (rules.empty()) {
        ctx.Report(ObjectRef(*original), "spec.rules",
                   std::string(kind.kind) + " can't be routed: no rules provided");
      } else {
        programmed = true;
        const std::string base =
            std::string(kind.prefix) + "." + original->meta.namespace_ + "." + original->meta.name;
        const std::string service_protocol = kind.kind == "UDPRoute" ? "udp" : "tcp";
        std::string route_protocol(kind.kong_protocol);
        for (const auto* l : attachment.listeners)
          if (kind.kind == "TLSRoute" && l->tls && l->tls->mode.value_or("Terminate") == "Passthrough")
            route_protocol = "tls_passthrough";
        for (size_t i = 0; i < rules.size(); ++i) {
          const std::string name = base + "." + std::to_string(i);
          ServiceDraft& service =
              EnsureGatewayService(ctx, name, original->meta.namespace_, ObjectRef(*original),
                                   TagsFor(*original), service_protocol);
          service.backends =
              ResolveBackends(ctx, kind.kind, original->meta.namespace_, rules[i].backend_refs).usable;
          RouteDraft draft;
          draft.source = RouteSource{&original->meta, ObjectRef(*original), std::string(kind.kind)};
          draft.expression_done = true;
          kong::Route& r = draft.route;
          r.name = name + ".0";
          r.protocols = std::vector<std::string>{route_protocol};
          r.tags = TagsFor(*original);
          AddNamedRuleTag(r.tags, rules[i].name);
          if (!kind.listener_protocol.empty()) {
            r.destinations = std::vector<kong::CidrPort>{};
            for (const auto* l : attachment.listeners)
              if (l->protocol == kind.listener_protocol)
                r.destinations->push_back(kong::CidrPort{std::nullopt, l->port});
          } else if (ref.hostnames) {
            r.snis = *ref.hostnames;
          }
          if (ctx.options.flags.expression_routes) L4RouteToExpression(r);
          service.routes.push_back(std::move(draft));
        }
      }
    }
    RecordRouteStatus(ctx, ref, attachment, nullptr, programmed);
  }
}

const std::vector<std::string>* NoHostnames(const kube::TCPRoute&) {
  return nullptr;
}
const std::vector<std::string>* NoHostnamesUdp(const kube::UDPRoute&) {
  return nullptr;
}
const std::vector<std::string>* TlsHostnames(const kube::TLSRoute& r) {
  return &r.hostnames;
}

}  // namespace

void TranslateL4Routes(Context& ctx) {
  if (!ctx.options.flags.gateway_alpha && RoutesNeedAcceptingGateway(ctx.options)) return;
  TranslateKind<kube::UDPRoute>(ctx, {"UDPRoute", "udproute", "UDP", "udp"}, NoHostnamesUdp);
  TranslateKind<kube::TCPRoute>(ctx, {"TCPRoute", "tcproute", "TCP", "tcp"}, NoHostnames);
  TranslateKind<kube::TLSRoute>(ctx, {"TLSRoute", "tlsroute", "", "tls"}, TlsHostnames);
}

}  // namespace kic::translate
