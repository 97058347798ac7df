#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kube/client/api_client.h"
#include "kube/client/resources.h"

namespace kic::kube::client {

struct WriteResult {
  bool ok = false;
  bool changed = false;  // false when nothing needed writing
  int attempts = 0;
  bool not_found = false;  // the object is gone: nothing to retry
  std::string error;       // names the object and the server's answer
};

// Given the object as the server has it now, the merge patch to send to its /status, or nullopt
// when its status is already as wanted.
using StatusPatchBuilder = std::function<std::optional<nlohmann::json>(const nlohmann::json& current)>;

// Reads the object, builds the patch, and merge-patches /status with the read resourceVersion as
// a precondition; on 409 Conflict it reads again and retries, up to `max_attempts` times.
WriteResult PatchStatus(ApiClient& api, const ResourceInfo& resource, const std::string& ns,
                        const std::string& name, const StatusPatchBuilder& build, int max_attempts = 5);

// One status.loadBalancer.ingress entry.
struct LoadBalancerIngress {
  std::string ip;
  std::string hostname;
  bool operator==(const LoadBalancerIngress&) const = default;
};

// Sets an Ingress's status.loadBalancer.ingress (skipped when it already holds exactly these).
WriteResult SetIngressLoadBalancer(ApiClient& api, const std::string& ns, const std::string& name,
                                   const std::vector<LoadBalancerIngress>& addresses);

}  // namespace kic::kube::client
