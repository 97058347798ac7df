// deploy/'s RBAC grants exactly what the controller's code uses: src/kube/client/access_rules.cc is
// the one list (derived from the watched resources, the status writer, Events and the Lease), and
// the write paths are driven here to show that every request they make is on that list.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "../kubeclient/fake_objects.h"
#include "common/strings.h"
#include "deploy_support.h"
#include "kube/client/access_rules.h"
#include "kube/client/events.h"
#include "kube/client/leader_election.h"
#include "kube/client/resources.h"
#include "kube/client/status_writer.h"

namespace kic::deploy_test {
namespace {

using kube::client::AccessRule;
using kube::client::AccessScope;
using kube::client::RequiredAccess;

// One permission: "cluster|networking.k8s.io|ingresses/status|patch" (scope "namespace" for Roles).
using Permission = std::string;

Permission Make(AccessScope scope, const std::string& group, const std::string& resource,
                const std::string& verb) {
  return std::string(scope == AccessScope::kCluster ? "cluster" : "namespace") + "|" + group + "|" +
         resource + "|" + verb;
}

std::set<Permission> Expand(const std::vector<AccessRule>& rules) {
  std::set<Permission> out;
  for (const auto& r : rules)
    for (const auto& v : r.verbs) out.insert(Make(r.scope, r.group, r.resource, v));
  return out;
}

std::string Lines(const std::set<Permission>& set) {
  std::string out;
  for (const auto& p : set) out += "\n  " + p;
  return out;
}

// A request as RBAC sees it: (group, resource[/subresource], verb, namespace).
struct RbacRequest {
  std::string group, resource, verb, ns;
};

// Maps an API path and method to the RBAC attributes the API server would check.
RbacRequest Attributes(kube::client::Method method, const std::string& full_path) {
  const std::string path = full_path.substr(0, full_path.find('?'));
  std::vector<std::string> parts = Split(path.substr(1), "/");
  RbacRequest r;
  size_t i = 0;
  if (parts[0] == "api") {
    i = 2;  // api/v1
  } else {
    r.group = parts[1];
    i = 3;  // apis/group/version
  }
  if (i + 1 < parts.size() && parts[i] == "namespaces") {
    r.ns = parts[i + 1];
    i += 2;
  }
  r.resource = parts[i];
  const bool named = i + 1 < parts.size();
  if (i + 2 < parts.size()) r.resource += "/" + parts[i + 2];
  switch (method) {
    case kube::client::Method::kGet:
      r.verb = named ? "get" : (full_path.find("watch=true") != std::string::npos ? "watch" : "list");
      break;
    case kube::client::Method::kPost:
      r.verb = "create";
      break;
    case kube::client::Method::kPut:
      r.verb = "update";
      break;
    case kube::client::Method::kPatch:
      r.verb = "patch";
      break;
    case kube::client::Method::kDelete:
      r.verb = named ? "delete" : "deletecollection";
      break;
  }
  return r;
}

TEST(AccessRules, FollowFromTheCodesResourceLists) {
  const auto have = Expand(RequiredAccess());
  for (const auto& r : kube::client::WatchedResources()) {
    EXPECT_TRUE(have.count(Make(AccessScope::kCluster, r.group, r.plural, "list"))) << r.kind;
    EXPECT_TRUE(have.count(Make(AccessScope::kCluster, r.group, r.plural, "watch"))) << r.kind;
  }
  EXPECT_TRUE(have.count(Make(AccessScope::kCluster, "networking.k8s.io", "ingresses/status", "patch")));
  EXPECT_TRUE(have.count(Make(AccessScope::kCluster, "", "events", "create")));
  EXPECT_TRUE(have.count(Make(AccessScope::kOwnNamespace, "coordination.k8s.io", "leases", "update")));
  // Nothing the code never does: no deletes, no writes to watched objects themselves.
  for (const auto& p : have) {
    EXPECT_EQ(p.find("|delete"), std::string::npos) << p;
    EXPECT_FALSE(p.find("|ingresses|patch") != std::string::npos) << p;
  }
}

TEST(AccessRules, StatusWritesOfUnlistedKindsAreRefusedBeforeAnyRequest) {
  kube::client::testing::FakeObjects api;
  const auto result =
      kube::client::PatchStatus(api, *kube::client::FindResource("Service"), "default", "svc",
                                [](const nlohmann::json&) { return nlohmann::json::object(); });
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("StatusWrittenKinds"), std::string::npos) << result.error;
  EXPECT_TRUE(api.log().empty());
}

// Drives the status writer, the Event recorder and the leader elector against an in-memory API and
// checks every request they make against the list.
TEST(AccessRules, EveryWriteThePathsMakeIsOnTheList) {
  kube::client::testing::FakeObjects api;
  const std::string own_namespace = "kong";
  api.Seed("/apis/networking.k8s.io/v1/namespaces/default/ingresses/demo",
           {{"metadata", {{"name", "demo"}, {"namespace", "default"}}}, {"spec", nlohmann::json::object()}});
  ASSERT_TRUE(kube::client::SetIngressLoadBalancer(api, "default", "demo", {{"192.0.2.1", ""}}).ok);

  kube::client::EventRecorder recorder(api);
  const kube::client::ObjectRef ingress{"Ingress", "default", "demo", "uid-1", "networking.k8s.io/v1", "1"};
  ASSERT_TRUE(recorder.Record(ingress, "Warning", "KongConfigurationTranslationFailed", "bad").ok);
  ASSERT_TRUE(recorder.Record(ingress, "Warning", "KongConfigurationTranslationFailed", "bad").ok);

  kube::client::LeaderElectionConfig election;
  election.lease_namespace = own_namespace;
  election.lease_name = "5b374a9e.konghq.com";
  election.identity = "kic-0";
  kube::client::LeaderElector elector(api, election);
  ASSERT_TRUE(elector.TryAcquireOrRenew());
  ASSERT_TRUE(elector.TryAcquireOrRenew());
  elector.Release();

  const auto allowed = Expand(RequiredAccess());
  std::set<std::string> verbs_seen;
  for (const auto& logged : api.log()) {
    const RbacRequest r = Attributes(logged.method, logged.path);
    const AccessScope scope = r.ns == own_namespace ? AccessScope::kOwnNamespace : AccessScope::kCluster;
    const bool ok = allowed.count(Make(scope, r.group, r.resource, r.verb)) ||
                    allowed.count(Make(AccessScope::kCluster, r.group, r.resource, r.verb));
    EXPECT_TRUE(ok) << kube::client::MethodName(logged.method) << " " << logged.path << " needs " << r.verb
                    << " on " << r.group << "/" << r.resource << ", which access_rules.cc does not list";
    verbs_seen.insert(r.resource + ":" + r.verb);
  }
  // The paths were really exercised (create and patch of Events, create and update of the Lease).
  for (const char* want : {"ingresses:get", "ingresses/status:patch", "events:create", "events:patch",
                           "leases:get", "leases:create", "leases:update"})
    EXPECT_TRUE(verbs_seen.count(want)) << want;
}

// The permissions deploy/ grants the controller's ServiceAccount: ClusterRoles bound by
// ClusterRoleBindings (cluster), Roles bound in the Deployment's namespace (namespace).
struct Granted {
  std::set<Permission> permissions;
  std::vector<std::string> problems;
};

Granted GrantedByDeploy(const std::vector<Manifest>& manifests) {
  Granted g;
  std::string sa, ns;
  for (const auto& m : manifests) {
    if (Text(m.root, "kind") != "Deployment") continue;
    const auto* containers = At(m.root, "spec.template.spec.containers");
    for (const auto& c : containers ? containers->items : std::vector<kic::yaml::Node>{}) {
      if (Text(c, "name") != "ingress-controller") continue;
      sa = Text(m.root, "spec.template.spec.serviceAccountName");
      ns = Text(m.root, "metadata.namespace");
    }
  }
  if (sa.empty() || ns.empty()) {
    g.problems.push_back(
        "no Deployment with an ingress-controller container, serviceAccountName and namespace");
    return g;
  }
  auto binds_us = [&](const kic::yaml::Node& binding) {
    const auto* subjects = At(binding, "subjects");
    for (const auto& s : subjects ? subjects->items : std::vector<kic::yaml::Node>{})
      if (Text(s, "kind") == "ServiceAccount" && Text(s, "name") == sa && Text(s, "namespace") == ns)
        return true;
    return false;
  };
  auto add_rules = [&](const Manifest& role, AccessScope scope) {
    const auto* rules = At(role.root, "rules");
    for (const auto& rule : rules ? rules->items : std::vector<kic::yaml::Node>{}) {
      if (At(rule, "resourceNames") || At(rule, "nonResourceURLs"))
        g.problems.push_back(role.file + ": rules with resourceNames or nonResourceURLs are not expected");
      for (const auto& group : Texts(rule, "apiGroups"))
        for (const auto& resource : Texts(rule, "resources"))
          for (const auto& verb : Texts(rule, "verbs")) {
            if (group == "*" || resource == "*" || verb == "*")
              g.problems.push_back(role.file + ": wildcard in " + Text(role.root, "metadata.name"));
            g.permissions.insert(Make(scope, group, resource, verb));
          }
    }
  };
  auto find_role = [&](const std::string& kind, const std::string& name,
                       const std::string& role_ns) -> const Manifest* {
    for (const auto& m : manifests)
      if (Text(m.root, "kind") == kind && Text(m.root, "metadata.name") == name &&
          Text(m.root, "metadata.namespace") == role_ns)
        return &m;
    return nullptr;
  };
  for (const auto& m : manifests) {
    const std::string kind = Text(m.root, "kind");
    if ((kind != "ClusterRoleBinding" && kind != "RoleBinding") || !binds_us(m.root)) continue;
    const std::string ref_kind = Text(m.root, "roleRef.kind");
    const std::string ref_name = Text(m.root, "roleRef.name");
    const std::string binding_ns = Text(m.root, "metadata.namespace");
    if (kind == "RoleBinding" && binding_ns != ns) {
      g.problems.push_back(m.file + ": RoleBinding " + Text(m.root, "metadata.name") + " is not in " + ns);
      continue;
    }
    const Manifest* role = find_role(ref_kind, ref_name, ref_kind == "Role" ? binding_ns : "");
    if (!role) {
      g.problems.push_back(m.file + ": " + kind + " refers to a missing " + ref_kind + " " + ref_name);
      continue;
    }
    add_rules(*role, kind == "ClusterRoleBinding" ? AccessScope::kCluster : AccessScope::kOwnNamespace);
  }
  return g;
}

TEST(DeployRbac, GrantsExactlyWhatTheCodeUses) {
  std::vector<std::string> errors;
  const auto manifests = LoadDeployManifests(errors);
  ASSERT_TRUE(errors.empty()) << errors.front();
  ASSERT_FALSE(manifests.empty());
  const Granted granted = GrantedByDeploy(manifests);
  for (const auto& p : granted.problems) ADD_FAILURE() << p;

  const auto needed = Expand(RequiredAccess());
  std::set<Permission> missing, extra;
  for (const auto& p : needed)
    if (!granted.permissions.count(p)) missing.insert(p);
  for (const auto& p : granted.permissions)
    if (!needed.count(p)) extra.insert(p);
  EXPECT_TRUE(missing.empty()) << "deploy/ does not grant (scope|group|resource|verb):" << Lines(missing);
  EXPECT_TRUE(extra.empty()) << "deploy/ grants what the code never uses (scope|group|resource|verb):"
                             << Lines(extra);
}

// The grants are read from the YAML itself: a rule taken away there is gone from them.
TEST(DeployRbac, GrantsFollowTheYaml) {
  std::vector<std::string> errors;
  auto manifests = LoadDeployManifests(errors);
  ASSERT_TRUE(errors.empty());
  const auto before = GrantedByDeploy(manifests).permissions;
  ASSERT_TRUE(before.count(Make(AccessScope::kCluster, "", "events", "create")));
  for (auto& m : manifests) {
    if (Text(m.root, "kind") != "ClusterRole") continue;
    for (auto& [key, value] : m.root.fields)
      if (key == "rules") value.items.pop_back();  // the events rule, last in deploy/
  }
  const auto after = GrantedByDeploy(manifests).permissions;
  EXPECT_FALSE(after.count(Make(AccessScope::kCluster, "", "events", "create")));
  EXPECT_LT(after.size(), before.size());
}

}  // namespace
}  // namespace kic::deploy_test
