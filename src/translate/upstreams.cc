#include "translate/upstreams.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "translate/tags.h"
#include "translate/upstream_policy.h"

namespace kic::translate {
namespace {

// KIC's findPort: by number (any number for ExternalName), by name (port name or a named
// targetPort), or implicitly the only port.
std::optional<ResolvedPort> FindPort(const kube::Service& svc, const PortDef& want, std::string& error) {
  const bool external = svc.type == "ExternalName";
  switch (want.mode) {
    case PortDef::Mode::kNumber:
      if (external) return ResolvedPort{want.number, "", kube::IntOrString{want.number, ""}};
      for (const auto& p : svc.ports)
        if (p.port == want.number) return ResolvedPort{p.port, p.name, p.target_port};
      break;
    case PortDef::Mode::kName:
      if (external) {
        error = "rules with an ExternalName service must specify numeric ports";
        return std::nullopt;
      }
      for (const auto& p : svc.ports)
        if (p.name == want.name || (!p.target_port.IsInt() && p.target_port.name == want.name))
          return ResolvedPort{p.port, p.name, p.target_port};
      break;
    case PortDef::Mode::kImplicit:
      if (external) {
        error = "rules with an ExternalName service must specify numeric ports";
        return std::nullopt;
      }
      if (svc.ports.size() != 1) {
        error = "in implicit mode, service must have exactly 1 port, has " + std::to_string(svc.ports.size());
        return std::nullopt;
      }
      return ResolvedPort{svc.ports[0].port, svc.ports[0].name, svc.ports[0].target_port};
  }
  error = "no suitable port found";
  return std::nullopt;
}

}  // namespace

std::vector<kong::Upstream> BuildUpstreams(Context& ctx, TargetRecipes* recipes) {
  std::vector<kong::Upstream> upstreams;
  upstreams.reserve(ctx.services.size());           // at most one per service
  std::unordered_set<std::string_view> seen_hosts;  // views of the drafts' hosts, which outlive it
  seen_hosts.reserve(ctx.services.size());
  for (auto& [name, draft] : ctx.services) {
    const std::string& host = draft.service.host;
    if (!seen_hosts.insert(host).second) continue;
    kong::Upstream upstream;
    upstream.name = host;
    upstream.tags = draft.service.tags;
    TargetRecipe recipe;
    recipe.service_upstream = ctx.service_upstream;
    for (const auto& backend : draft.backends) {
      const kube::Service* svc = nullptr;
      for (const auto* candidate : draft.k8s_services)
        if (candidate->meta.namespace_ == backend.ns && candidate->meta.name == backend.name) svc = candidate;
      if (!svc) continue;  // reported by PopulateServices
      std::string error;
      auto port = FindPort(*svc, backend.port, error);
      if (!port) {
        ctx.Report(draft.parent, "",
                   "can't find port for backend kubernetes service " + svc->meta.Key() + ": " + error);
        continue;
      }
      draft.service.port = port->port;
      recipe.backends.push_back(TargetBackend{backend.ns, backend.name, std::move(*port), backend.weight});
    }
    upstream.targets = BuildTargets(ctx.store, ctx.options, recipe);
    if (recipes && !recipe.backends.empty()) recipes->emplace(host, std::move(recipe));
    ApplyUpstreamPolicy(upstream, draft, ctx);
    // konghq.com/host-header (on the facade when there is one) beats a KongIngress host_header.
    for (const auto* svc : draft.k8s_services) {
      const auto& meta = draft.facade && draft.facade->meta.annotations.Has("konghq.com/host-header")
                             ? draft.facade->meta
                             : svc->meta;
      const auto host_header = meta.annotations.Get("konghq.com/host-header");
      if (!host_header.empty()) upstream.host_header = std::string(host_header);
    }
    upstreams.push_back(std::move(upstream));
  }
  return upstreams;
}

}  // namespace kic::translate
