#include "kube/client/access_rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace kic::kube::client {

const std::vector<std::string>& StatusWrittenKinds() {
  // Gateway API kinds: the translator's status for them, written by controller/gateway_status.
  static const std::vector<std::string> kKinds = {"Ingress",   "GatewayClass", "Gateway",  "HTTPRoute",
                                                  "GRPCRoute", "TCPRoute",     "UDPRoute", "TLSRoute"};
  return kKinds;
}

bool WritesStatusOf(std::string_view kind) {
  const auto& kinds = StatusWrittenKinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::vector<AccessRule> RequiredAccess() {
  using Key = std::tuple<AccessScope, std::string, std::string>;
  std::map<Key, std::set<std::string>> verbs;
  auto need = [&verbs](AccessScope scope, const ResourceInfo& r, const std::string& subresource,
                       std::initializer_list<const char*> wanted) {
    const std::string resource = subresource.empty() ? r.plural : r.plural + "/" + subresource;
    auto& set = verbs[Key{scope, r.group, resource}];
    for (const char* v : wanted) set.insert(v);
  };

  // Reflectors list and watch every kind, in every namespace unless --watch-namespace narrows it.
  for (const auto& r : WatchedResources()) need(AccessScope::kCluster, r, "", {"list", "watch"});
  // The status writer reads the object for its resourceVersion, then patches /status.
  for (const auto& kind : StatusWrittenKinds()) {
    if (const ResourceInfo* r = FindResource(kind)) {
      need(AccessScope::kCluster, *r, "", {"get"});
      need(AccessScope::kCluster, *r, "status", {"patch"});
    }
  }
  // Events go to the namespace of the object they are about: any namespace.
  need(AccessScope::kCluster, EventResource(), "", {"create", "patch"});
  // The Lease lives in the controller's own namespace (--election-namespace defaults to the Pod's).
  need(AccessScope::kOwnNamespace, LeaseResource(), "", {"get", "create", "update"});

  std::vector<AccessRule> rules;
  for (const auto& [key, set] : verbs) {
    AccessRule rule;
    rule.scope = std::get<0>(key);
    rule.group = std::get<1>(key);
    rule.resource = std::get<2>(key);
    rule.verbs.assign(set.begin(), set.end());
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace kic::kube::client
