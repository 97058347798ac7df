#include "translate/custom_entities.h"

#include <algorithm>
#include <set>

#include "translate/ids.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

// Kong entity types of the core schema: a custom entity may not replace them.
bool IsCoreEntity(std::string_view type) {
  static const std::set<std::string, std::less<>> kCore = {"services",
                                                           "routes",
                                                           "upstreams",
                                                           "targets",
                                                           "plugins",
                                                           "consumers",
                                                           "certificates",
                                                           "snis",
                                                           "ca_certificates",
                                                           "vaults",
                                                           "consumer_groups",
                                                           "consumer_group_consumers",
                                                           "keyauth_credentials",
                                                           "basicauth_credentials",
                                                           "hmacauth_credentials",
                                                           "jwt_secrets",
                                                           "acls",
                                                           "oauth2_credentials"};
  return kCore.count(type) > 0;
}

}  // namespace

std::map<std::string, std::vector<nlohmann::json>> BuildCustomEntities(Context& ctx,
                                                                       const PluginAttachments& attachments) {
  std::map<std::string, std::vector<nlohmann::json>> out;
  if (!ctx.options.flags.kong_custom_entity || ctx.store.Of<kube::KongCustomEntity>().size() == 0) return out;
  // Kong service of each route, to follow a plugin attached to routes back to their services.
  std::map<std::string, std::string> service_of_route;
  for (const auto& [name, draft] : ctx.services)
    for (const auto& r : draft.routes) service_of_route[r.route.name] = name;

  std::vector<const kube::KongCustomEntity*> entities;
  for (const auto& e : ctx.store.Of<kube::KongCustomEntity>().items())
    if (e->controller_name == ctx.options.ingress_class) entities.push_back(e.get());
  std::sort(entities.begin(), entities.end(), [](auto* a, auto* b) { return a->meta.Key() < b->meta.Key(); });

  for (const auto* e : entities) {
    const std::string object = ObjectRef(*e);
    if (e->type.empty() || IsCoreEntity(e->type)) {
      ctx.Report(object, "spec.type",
                 e->type.empty() ? "required" : "cannot be Kong's own entity type " + e->type);
      continue;
    }
    if (!e->fields.is_object()) {
      ctx.Report(object, "spec.fields", "expected an object");
      continue;
    }
    if (!e->parent_ref) {
      out[e->type].push_back(e->fields);
      continue;
    }
    auto ref = *e->parent_ref;
    if (ref.kind.empty()) ref.kind = "KongPlugin";
    if (ref.kind != "KongPlugin" && ref.kind != "KongClusterPlugin") {
      ctx.Report(object, "spec.parentRef.kind", "expected KongPlugin or KongClusterPlugin");
      continue;
    }
    const std::string ns = ref.kind == "KongPlugin"
                               ? (ref.namespace_.empty() ? e->meta.namespace_ : ref.namespace_)
                               : e->meta.namespace_;
    const auto it = attachments.relations().find(ns + ":" + ref.name);
    std::vector<std::string> services;
    if (it != attachments.relations().end()) {
      services = it->second.services;
      if (services.empty())
        for (const auto& route : it->second.routes)
          if (auto s = service_of_route.find(route);
              s != service_of_route.end() &&
              std::find(services.begin(), services.end(), s->second) == services.end())
            services.push_back(s->second);
    }
    const bool plugin_exists = ref.kind == "KongPlugin"
                                   ? ctx.store.Of<kube::KongPlugin>().Get(ns, ref.name) != nullptr
                                   : ctx.store.Of<kube::KongClusterPlugin>().Get("", ref.name) != nullptr;
    if (!plugin_exists) {
      ctx.Report(object, "spec.parentRef",
                 ref.kind + " " + (ref.kind == "KongPlugin" ? ns + "/" : "") + ref.name + " not found");
      continue;
    }
    // A plugin attached to nothing still gets its entity, without a foreign key (as KIC does).
    if (services.empty()) out[e->type].push_back(e->fields);
    for (const auto& svc : services) {
      nlohmann::json entity = e->fields;
      entity["service"] = {{"id", EntityId("services", svc, ctx.options.workspace)}};
      out[e->type].push_back(std::move(entity));
    }
  }
  return out;
}

}  // namespace kic::translate
