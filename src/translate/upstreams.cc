#include "translate/upstreams.h"

#include <algorithm>
#include <set>

#include "translate/tags.h"
#include "translate/upstream_policy.h"

namespace kic::translate {
namespace {

struct ResolvedPort {
  int64_t port = 0;
  std::string name;
  kube::IntOrString target_port;
};

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

std::string TargetAddress(const std::string& address, const std::string& port) {
  // An IPv6 address needs brackets before the port is appended.
  if (address.find(':') != std::string::npos) return "[" + address + "]:" + port;
  return address + ":" + port;
}

std::vector<kong::Target> EndpointTargets(const Context& ctx, const kube::Service& svc,
                                          const ResolvedPort& port) {
  std::vector<kong::Target> targets;
  if (ctx.service_upstream || svc.meta.annotations.Get("ingress.kubernetes.io/service-upstream") == "true") {
    std::string host = svc.meta.name + "." + svc.meta.namespace_ + ".svc";
    if (!ctx.options.cluster_domain.empty()) host += "." + ctx.options.cluster_domain;
    targets.push_back(kong::Target{host + ":" + std::to_string(port.port), std::nullopt, {}});
    return targets;
  }
  if (svc.type == "ExternalName") {
    const std::string target_port =
        port.target_port.IsInt() ? std::to_string(*port.target_port.number) : port.target_port.name;
    targets.push_back(kong::Target{svc.external_name + ":" + target_port, std::nullopt, {}});
    return targets;
  }
  // TCP always, plus every protocol the Service's ports use.
  std::vector<std::string> protocols{"TCP"};
  for (const auto& p : svc.ports)
    if (std::find(protocols.begin(), protocols.end(), p.protocol) == protocols.end())
      protocols.push_back(p.protocol);
  // Few targets per Service: a linear check beats a set's allocations.
  auto seen = [&targets](const std::string& t) {
    return std::any_of(targets.begin(), targets.end(), [&](const kong::Target& x) { return x.target == t; });
  };
  const auto slices = ctx.store.EndpointSlicesOf(svc.meta.namespace_, svc.meta.name);
  for (const auto& protocol : protocols) {
    for (const auto* slice : slices) {
      for (const auto& sp : slice->ports) {
        if (!sp.port || *sp.port < 0 || sp.protocol != protocol || sp.name.value_or("") != port.name)
          continue;
        const std::string upstream_port = std::to_string(*sp.port);
        for (const auto& ep : slice->endpoints) {
          if (ep.addresses.empty()) continue;
          std::optional<int64_t> weight;
          if (ep.ready && !*ep.ready) {
            // Terminating endpoints stay, drained, when drain support is on.
            if (!(ctx.options.enable_drain_support && ep.terminating.value_or(false))) continue;
            weight = 0;
          }
          std::string target = TargetAddress(ep.addresses.front(), upstream_port);
          if (seen(target)) continue;
          targets.push_back(kong::Target{std::move(target), weight, {}});
        }
      }
    }
  }
  return targets;
}

}  // namespace

std::vector<kong::Upstream> BuildUpstreams(Context& ctx) {
  std::vector<kong::Upstream> upstreams;
  std::set<std::string> seen_hosts;
  for (auto& [name, draft] : ctx.services) {
    const std::string& host = draft.service.host;
    if (!seen_hosts.insert(host).second) continue;
    kong::Upstream upstream;
    upstream.name = host;
    upstream.tags = draft.service.tags;
    for (const auto& backend : draft.backends) {
      const kube::Service* svc = nullptr;
      for (const auto* candidate : draft.k8s_services)
        if (candidate->meta.namespace_ == backend.ns && candidate->meta.name == backend.name) svc = candidate;
      if (!svc) continue;  // reported by PopulateServices
      std::string error;
      const auto port = FindPort(*svc, backend.port, error);
      if (!port) {
        ctx.Report(draft.parent, "",
                   "can't find port for backend kubernetes service " + svc->meta.Key() + ": " + error);
        continue;
      }
      draft.service.port = port->port;
      auto targets = EndpointTargets(ctx, *svc, *port);
      if (backend.weight && !targets.empty()) {
        int64_t weight = *backend.weight;
        if (weight != 0) weight = std::max<int64_t>(1, weight / static_cast<int64_t>(targets.size()));
        for (auto& t : targets) t.weight = weight;
      }
      for (auto& t : targets) {
        // The same ip:port behind two backends is one target whose weight is the sum (KIC §2.7).
        auto same = std::find_if(upstream.targets.begin(), upstream.targets.end(),
                                 [&](const kong::Target& x) { return x.target == t.target; });
        if (same == upstream.targets.end()) {
          upstream.targets.push_back(std::move(t));
        } else if (same->weight || t.weight) {
          same->weight = same->weight.value_or(100) + t.weight.value_or(100);
        }
      }
    }
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
