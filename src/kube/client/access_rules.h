#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kube/client/resources.h"

namespace kic::kube::client {

// Where a permission has to be granted: across the cluster (a ClusterRole), or only in the
// namespace the controller runs in (a Role there), which is where its Lease lives.
enum class AccessScope { kCluster, kOwnNamespace };

// One RBAC permission the controller needs, in the terms of an RBAC rule: an API group, a resource
// (or "resource/subresource") and the verbs used on it.
struct AccessRule {
  AccessScope scope = AccessScope::kCluster;
  std::string group;               // "" for the core group
  std::string resource;            // "ingresses", "ingresses/status"
  std::vector<std::string> verbs;  // sorted, unique
  bool operator==(const AccessRule&) const = default;
};

// The kinds whose /status subresource the controller writes (merge patches after a GET of the
// object). PatchStatus refuses any other kind, so a new status writer must be listed here, and the
// RBAC in deploy/ then has to grant it (tests/unit/deploy checks both ends).
const std::vector<std::string>& StatusWrittenKinds();
bool WritesStatusOf(std::string_view kind);

// Every permission the controller's requests need, derived from WatchedResources() (list, watch),
// StatusWrittenKinds() (get the object, patch its status), EventResource() (create, patch) and
// LeaseResource() (get, create, update). One entry per scope/group/resource, sorted.
// Discovery documents are not listed: every authenticated user may read them (system:discovery).
std::vector<AccessRule> RequiredAccess();

}  // namespace kic::kube::client
