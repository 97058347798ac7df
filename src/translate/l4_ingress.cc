#include "translate/l4_ingress.h"

#include <algorithm>

#include "translate/ingress_class.h"
#include "translate/l4routes.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

ServiceDraft& EnsureStreamService(Context& ctx, const std::string& ns, const kube::L4Rule& rule,
                                  const std::string& protocol, const std::string& parent) {
  std::string name = ns + "." + rule.service_name + "." + std::to_string(rule.service_port);
  if (protocol == "udp") name += ".udp";
  auto [it, inserted] = ctx.services.try_emplace(name);
  ServiceDraft& draft = it->second;
  if (inserted) {
    draft.ns = ns;
    draft.parent = parent;
    PortDef port;
    port.mode = PortDef::Mode::kNumber;
    port.number = rule.service_port;
    draft.backends.push_back(Backend{ns, rule.service_name, port, std::nullopt});
    draft.service = DefaultKongService(
        name, rule.service_name + "." + ns + "." + std::to_string(rule.service_port) + ".svc", protocol,
        false);
  }
  return draft;
}

template <class T>
std::vector<const T*> Selected(Context& ctx) {
  std::vector<const T*> out;
  for (const auto& obj : ctx.store.Of<T>().items())
    if (ObjectMatchesClass(obj->meta, ctx.options.ingress_class, ctx.store)) out.push_back(obj.get());
  std::sort(out.begin(), out.end(), [](const T* a, const T* b) {
    if (a->meta.creation_timestamp != b->meta.creation_timestamp)
      return a->meta.creation_timestamp < b->meta.creation_timestamp;
    return a->meta.Key() < b->meta.Key();
  });
  return out;
}

bool ValidRules(Context& ctx, const std::string& object, const std::vector<kube::L4Rule>& rules) {
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string at = "spec.rules[" + std::to_string(i) + "]";
    if (rules[i].port < 1 || rules[i].port > 65535) {
      ctx.Report(object, at + ".port", "expected a port from 1 to 65535");
      return false;
    }
    if (rules[i].service_name.empty()) {
      ctx.Report(object, at + ".backend.serviceName", "required");
      return false;
    }
    if (rules[i].service_port < 1 || rules[i].service_port > 65535) {
      ctx.Report(object, at + ".backend.servicePort", "expected a port from 1 to 65535");
      return false;
    }
  }
  return true;
}

}  // namespace

void TranslateL4Ingresses(Context& ctx) {
  for (const auto* ing : Selected<kube::TCPIngress>(ctx)) {
    const std::string object = ObjectRef(*ing);
    if (!ValidRules(ctx, object, ing->rules)) continue;
    const kong::Tags tags = TagsFor(*ing);
    for (const auto& tls : ing->tls)
      if (!tls.hosts.empty() && !tls.secret_name.empty())
        ctx.tls.Add(ing->meta.namespace_ + "/" + tls.secret_name, tls.hosts, object);
    for (size_t i = 0; i < ing->rules.size(); ++i) {
      const auto& rule = ing->rules[i];
      ServiceDraft& service = EnsureStreamService(ctx, ing->meta.namespace_, rule, "tcp", object);
      RouteDraft& route = service.routes.emplace_back();
      route.source = RouteSource{&ing->meta, object, kube::TCPIngress::kKind};
      route.route.name = ing->meta.namespace_ + "." + ing->meta.name + "." + std::to_string(i);
      route.route.protocols = std::vector<std::string>{"tcp", "tls"};
      route.route.destinations = std::vector<kong::CidrPort>{kong::CidrPort{std::nullopt, rule.port}};
      if (!rule.host.empty()) route.route.snis = std::vector<std::string>{rule.host};
      route.route.tags = tags;
      if (ctx.options.flags.expression_routes) {
        L4RouteToExpression(route.route);
        route.expression_done = true;
      }
    }
  }
  for (const auto* ing : Selected<kube::UDPIngress>(ctx)) {
    const std::string object = ObjectRef(*ing);
    if (!ValidRules(ctx, object, ing->rules)) continue;
    const kong::Tags tags = TagsFor(*ing);
    for (size_t i = 0; i < ing->rules.size(); ++i) {
      const auto& rule = ing->rules[i];
      ServiceDraft& service = EnsureStreamService(ctx, ing->meta.namespace_, rule, "udp", object);
      RouteDraft& route = service.routes.emplace_back();
      route.source = RouteSource{&ing->meta, object, kube::UDPIngress::kKind};
      route.route.name = ing->meta.namespace_ + "." + ing->meta.name + "." + std::to_string(i) + ".udp";
      route.route.protocols = std::vector<std::string>{"udp"};
      route.route.destinations = std::vector<kong::CidrPort>{kong::CidrPort{std::nullopt, rule.port}};
      route.route.tags = tags;
      if (ctx.options.flags.expression_routes) {
        L4RouteToExpression(route.route);
        route.expression_done = true;
      }
    }
  }
}

}  // namespace kic::translate
