#pragma once

#include <stop_token>

#include "kube/client/api_client.h"
#include "kube/client/resources.h"

namespace kic::kube::client {

enum class Served {
  kYes,
  kNo,       // the group-version is not served (404) or does not list the resource: a CRD not installed
  kUnknown,  // the server could not be asked (down, 5xx): ask again later
};

// Asks the group-version's discovery document (/api/v1 or /apis/G/V) whether `resource` is served.
Served CheckServed(ApiClient& api, const ResourceInfo& resource, std::stop_token stop = {});

}  // namespace kic::kube::client
