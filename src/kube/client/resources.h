#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kic::kube::client {

// Where one kind lives in the API. Adding a watched kind means adding a row to WatchedResources().
struct ResourceInfo {
  std::string kind;     // "Ingress"
  std::string group;    // "" for the core group
  std::string version;  // "v1"
  std::string plural;   // "ingresses"
  bool namespaced = true;

  // "networking.k8s.io/v1", or "v1" for the core group.
  std::string GroupVersion() const { return group.empty() ? version : group + "/" + version; }
  // "/apis/networking.k8s.io/v1", or "/api/v1": the discovery document listing this resource.
  std::string GroupVersionPath() const;
  // The collection URL, across all namespaces when `ns` is empty (or the kind is cluster-scoped).
  std::string CollectionPath(std::string_view ns) const;
  // One object's URL, with an optional subresource ("status").
  std::string ObjectPath(std::string_view ns, std::string_view name, std::string_view subresource = {}) const;
};

// Every kind the controller keeps, in the order they are started.
const std::vector<ResourceInfo>& WatchedResources();
// The row for `kind`, or nullptr.
const ResourceInfo* FindResource(std::string_view kind);

// Resources we write but do not watch.
const ResourceInfo& EventResource();
const ResourceInfo& LeaseResource();

// Percent-encodes a query parameter value (RFC 3986 unreserved characters stay as they are).
std::string QueryEscape(std::string_view value);

}  // namespace kic::kube::client
