#include "translate/upstream_targets.h"

#include <algorithm>

namespace kic::translate {
namespace {

std::string TargetAddress(const std::string& address, const std::string& port) {
  // An IPv6 address needs brackets before the port is appended.
  if (address.find(':') != std::string::npos) return "[" + address + "]:" + port;
  return address + ":" + port;
}

std::vector<kong::Target> ServiceTargets(const kube::Store& store, const Options& options,
                                         bool service_upstream, const kube::Service& svc,
                                         const ResolvedPort& port) {
  std::vector<kong::Target> targets;
  if (service_upstream || svc.meta.annotations.Get("ingress.kubernetes.io/service-upstream") == "true") {
    std::string host = svc.meta.name + "." + svc.meta.namespace_ + ".svc";
    if (!options.cluster_domain.empty()) host += "." + options.cluster_domain;
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
  std::vector<std::string_view> protocols{"TCP"};
  protocols.reserve(1 + svc.ports.size());
  for (const auto& p : svc.ports)
    if (std::find(protocols.begin(), protocols.end(), p.protocol) == protocols.end())
      protocols.push_back(p.protocol);
  // Few targets per Service: a linear check beats a set's allocations.
  auto seen = [&targets](const std::string& t) {
    return std::any_of(targets.begin(), targets.end(), [&](const kong::Target& x) { return x.target == t; });
  };
  const auto slices = store.EndpointSlicesOf(svc.meta.namespace_, svc.meta.name);
  for (const std::string_view protocol : protocols) {
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
            if (!(options.enable_drain_support && ep.terminating.value_or(false))) continue;
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

std::vector<kong::Target> BuildTargets(const kube::Store& store, const Options& options,
                                       const TargetRecipe& recipe) {
  std::vector<kong::Target> merged;
  for (const auto& backend : recipe.backends) {
    const kube::Service* svc = store.services().Get(backend.ns, backend.service);
    if (!svc) continue;
    auto targets = ServiceTargets(store, options, recipe.service_upstream, *svc, backend.port);
    if (backend.weight && !targets.empty()) {
      int64_t weight = *backend.weight;
      if (weight != 0) weight = std::max<int64_t>(1, weight / static_cast<int64_t>(targets.size()));
      for (auto& t : targets) t.weight = weight;
    }
    for (auto& t : targets) {
      // The same ip:port behind two backends is one target whose weight is the sum (KIC §2.7).
      auto same = std::find_if(merged.begin(), merged.end(),
                               [&](const kong::Target& x) { return x.target == t.target; });
      if (same == merged.end()) {
        merged.push_back(std::move(t));
      } else if (same->weight || t.weight) {
        same->weight = same->weight.value_or(100) + t.weight.value_or(100);
      }
    }
  }
  // deckgen writes targets in descending order.
  std::sort(merged.begin(), merged.end(), [](const auto& a, const auto& b) { return a.target > b.target; });
  return merged;
}

}  // namespace kic::translate
