#include "translate/ingress.h"

#include <algorithm>
#include <stdexcept>

#include "common/strings.h"
#include "translate/ingress_class.h"
#include "translate/ingress_paths.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

// A translation error inside one Ingress: the Ingress is reported and the others go on.
class IngressError : public std::runtime_error {
 public:
  IngressError(std::string field, const std::string& message)
      : std::runtime_error(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

ServiceDraft& EnsureService(Context& ctx, const std::string& ns, const std::string& svc_name,
                            const PortDef& port, const std::string& parent, bool with_path) {
  const std::string name = ns + "." + svc_name + "." + port.Canonical();
  auto [it, inserted] = ctx.services.try_emplace(name);
  ServiceDraft& draft = it->second;
  if (inserted) {
    draft.ns = ns;
    draft.parent = parent;
    draft.backends.push_back(Backend{ns, svc_name, port, std::nullopt});
    draft.service =
        DefaultKongService(name, svc_name + "." + ns + "." + port.Canonical() + ".svc", "http", with_path);
  }
  return draft;
}

RouteDraft& EnsureRoute(ServiceDraft& service, const std::string& route_name, const kube::Ingress& ingress,
                        const std::string& host, const kong::Tags& tags) {
  for (auto& r : service.routes)
    if (r.route.name == route_name) return r;
  RouteDraft& draft = service.routes.emplace_back();
  draft.source = RouteSource{&ingress.meta, ObjectRef(ingress), kube::Ingress::kKind};
  draft.host = host;
  kong::Route& r = draft.route;
  r.name = route_name;
  r.strip_path = false;
  r.preserve_host = true;
  r.regex_priority = 0;
  r.request_buffering = true;
  r.response_buffering = true;
  if (!host.empty()) r.hosts = std::vector<std::string>{host};
  r.paths = std::vector<std::string>{};
  r.tags = tags;
  return draft;
}

std::string RegexPrefixOf(const kube::Ingress& ingress) {
  const auto custom = ingress.meta.annotations.Get("konghq.com/regex-prefix");
  return custom.empty() ? std::string(kDefaultRegexPrefix) : std::string(custom);
}

// Everything that can make an Ingress unusable, checked before anything is added for it.
void Validate(const kube::Ingress& ingress) {
  for (size_t i = 0; i < ingress.rules.size(); ++i) {
    const auto& rule = ingress.rules[i];
    for (size_t j = 0; j < rule.paths.size(); ++j) {
      const auto& path = rule.paths[j];
      // Built only for an error: every path of every Ingress passes through here on each sync.
      const auto at = [i, j] {
        return "spec.rules[" + std::to_string(i) + "].http.paths[" + std::to_string(j) + "]";
      };
      if (!path.backend.service && !path.backend.resource)
        throw IngressError(at() + ".backend", "a backend is required");
      if (path.backend.service && path.backend.service->name.empty())
        throw IngressError(at() + ".backend.service.name", "required");
      if (!path.path_type.empty() && path.path_type != "Prefix" && path.path_type != "Exact" &&
          path.path_type != "ImplementationSpecific")
        throw IngressError(at() + ".pathType", "expected Exact, Prefix or ImplementationSpecific, got \"" +
                                                   path.path_type + "\"");
    }
  }
}

// IngressClassParameters' legacy detection: a path with characters outside [A-Za-z0-9.-_~/%] is a regex.
bool LooksLikeRegex(const std::string& path) {
  if (!path.empty() && path[0] == '~') return false;
  for (char c : path) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_' || c == '~' || c == '/' || c == '%';
    if (!plain) return true;
  }
  return false;
}

constexpr std::string_view kFacadeGroup = "incubator.ingress-controller.konghq.com";

// The KongServiceFacade a resource backend names, or a problem explaining why it cannot be used.
const kube::KongServiceFacade* FacadeFor(Context& ctx, const kube::Ingress& ingress,
                                         const kube::IngressBackend::ResourceRef& ref,
                                         const std::string& field) {
  const std::string parent = ObjectRef(ingress);
  if (ref.kind != kube::KongServiceFacade::kKind || ref.api_group != kFacadeGroup) {
    ctx.Report(parent, field,
               "unsupported resource backend " + ref.api_group + "/" + ref.kind +
                   ": only KongServiceFacade (" + std::string(kFacadeGroup) + ") is supported");
    return nullptr;
  }
  if (!ctx.options.flags.kong_service_facade) {
    ctx.Report(parent, field, "KongServiceFacade backends need the KongServiceFacade feature gate");
    return nullptr;
  }
  const auto* facade = ctx.store.Of<kube::KongServiceFacade>().Get(ingress.meta.namespace_, ref.name);
  if (!facade) {
    ctx.Report(parent, field, "KongServiceFacade " + ingress.meta.namespace_ + "/" + ref.name + " not found");
    return nullptr;
  }
  if (!ObjectMatchesClass(facade->meta, ctx.options.ingress_class, ctx.store)) {
    ctx.Report(
        parent, field,
        "KongServiceFacade " + facade->meta.Key() + " is not of ingress class " + ctx.options.ingress_class);
    return nullptr;
  }
  return facade;
}

ServiceDraft& EnsureFacadeService(Context& ctx, const kube::KongServiceFacade& facade,
                                  const std::string& parent, bool with_path) {
  const std::string name = facade.meta.namespace_ + "." + facade.meta.name + ".svc.facade";
  auto [it, inserted] = ctx.services.try_emplace(name);
  ServiceDraft& draft = it->second;
  if (inserted) {
    draft.ns = facade.meta.namespace_;
    draft.parent = parent;
    draft.facade = &facade;
    PortDef port;
    port.mode = PortDef::Mode::kNumber;
    port.number = facade.backend_port;
    draft.backends.push_back(Backend{facade.meta.namespace_, facade.backend_name, port, std::nullopt});
    draft.service = DefaultKongService(name, name, "http", with_path);
  }
  return draft;
}

void TranslateRules(Context& ctx, const kube::Ingress& ingress) {
  const std::string parent = ObjectRef(ingress);
  const kong::Tags tags = TagsFor(ingress);
  const std::string regex_prefix = RegexPrefixOf(ingress);
  const std::string& ns = ingress.meta.namespace_;

  for (const auto& tls : ingress.tls) {
    if (tls.hosts.empty() || tls.secret_name.empty()) continue;
    ctx.tls.Add(ns + "/" + tls.secret_name, tls.hosts, parent);
  }

  for (size_t i = 0; i < ingress.rules.size(); ++i) {
    const auto& rule = ingress.rules[i];
    for (size_t j = 0; j < rule.paths.size(); ++j) {
      const auto& path = rule.paths[j];
      const std::string host_part = ReplaceAll(rule.host, "*", "_");
      ServiceDraft* service = nullptr;
      std::string route_name;
      if (path.backend.service) {
        const auto& svc = *path.backend.service;
        const PortDef port = PortDef::From(svc.port);
        service = &EnsureService(ctx, ns, svc.name, port, parent, /*with_path=*/true);
        route_name = ns + "." + ingress.meta.name + "." + svc.name + "." + host_part + "." + port.Canonical();
      } else {
        const std::string field =
            "spec.rules[" + std::to_string(i) + "].http.paths[" + std::to_string(j) + "].backend.resource";
        const auto* facade = FacadeFor(ctx, ingress, *path.backend.resource, field);
        if (!facade) continue;
        service = &EnsureFacadeService(ctx, *facade, parent, /*with_path=*/true);
        route_name = ns + "." + ingress.meta.name + "." + host_part + "." + facade->meta.name + ".svc.facade";
      }
      RouteDraft& route = EnsureRoute(*service, route_name, ingress, rule.host, tags);
      const std::string path_type = path.path_type.empty() ? "ImplementationSpecific" : path.path_type;
      for (auto& p : KongPathsFor(path.path, path_type, regex_prefix)) {
        if (ctx.legacy_regex_detection && path_type == "ImplementationSpecific" && LooksLikeRegex(p))
          p = "~" + p;
        route.route.paths->push_back(std::move(p));
      }
      route.source_paths.push_back(SourcePath{NormalizeIngressPath(path.path), path_type});
    }
  }
}

void TranslateDefaultBackend(Context& ctx, const kube::Ingress& ingress) {
  const auto& backend = *ingress.default_backend;
  const std::string parent = ObjectRef(ingress);
  ServiceDraft* service = nullptr;
  if (backend.resource) {
    const auto* facade = FacadeFor(ctx, ingress, *backend.resource, "spec.defaultBackend.resource");
    if (!facade) return;
    service = &EnsureFacadeService(ctx, *facade, parent, /*with_path=*/false);
  } else {
    if (!backend.service || backend.service->name.empty()) {
      ctx.Report(parent, "spec.defaultBackend.service.name", "required");
      return;
    }
    const PortDef port = PortDef::From(backend.service->port);
    service = &EnsureService(ctx, ingress.meta.namespace_, backend.service->name, port, parent,
                             /*with_path=*/false);
  }
  RouteDraft& route =
      EnsureRoute(*service, ingress.meta.namespace_ + "." + ingress.meta.name, ingress, "", TagsFor(ingress));
  route.default_backend = true;
  route.route.paths->push_back("/");
  route.source_paths.push_back(SourcePath{"/", "Prefix"});
}

}  // namespace

std::vector<const kube::Ingress*> SelectIngresses(const Context& ctx) {
  std::vector<const kube::Ingress*> out;
  for (const auto& ing : ctx.store.ingresses().items())
    if (IngressMatchesClass(*ing, ctx.options.ingress_class, ctx.store)) out.push_back(ing.get());
  std::sort(out.begin(), out.end(), [](const kube::Ingress* a, const kube::Ingress* b) {
    if (a->meta.creation_timestamp != b->meta.creation_timestamp)
      return a->meta.creation_timestamp < b->meta.creation_timestamp;
    if (a->meta.namespace_ != b->meta.namespace_) return a->meta.namespace_ < b->meta.namespace_;
    return a->meta.name < b->meta.name;
  });
  return out;
}

void TranslateIngresses(Context& ctx, const std::vector<const kube::Ingress*>& ingresses) {
  for (const auto* ingress : ingresses) {
    try {
      Validate(*ingress);
    } catch (const IngressError& e) {
      ctx.Report(ObjectRef(*ingress), e.field(), e.what());
      continue;
    }
    TranslateRules(ctx, *ingress);
  }
  for (const auto* ingress : ingresses) {
    if (ingress->default_backend) {
      TranslateDefaultBackend(ctx, *ingress);
      break;
    }
  }
}

}  // namespace kic::translate
