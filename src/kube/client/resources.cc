#include "kube/client/resources.h"

#include <cctype>

namespace kic::kube::client {

std::string ResourceInfo::GroupVersionPath() const {
  return group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
}

std::string ResourceInfo::CollectionPath(std::string_view ns) const {
  std::string path = GroupVersionPath();
  if (namespaced && !ns.empty()) {
    path += "/namespaces/";
    path += ns;
  }
  path += "/";
  path += plural;
  return path;
}

std::string ResourceInfo::ObjectPath(std::string_view ns, std::string_view name,
                                     std::string_view subresource) const {
  std::string path = CollectionPath(ns);
  path += "/";
  path += name;
  if (!subresource.empty()) {
    path += "/";
    path += subresource;
  }
  return path;
}

const std::vector<ResourceInfo>& WatchedResources() {
  static const std::vector<ResourceInfo> kResources = {
      {"Ingress", "networking.k8s.io", "v1", "ingresses", true},
      {"IngressClass", "networking.k8s.io", "v1", "ingressclasses", false},
      {"Service", "", "v1", "services", true},
      {"EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", true},
      {"Secret", "", "v1", "secrets", true},
      {"KongConsumer", "configuration.konghq.com", "v1", "kongconsumers", true},
  };
  return kResources;
}

const ResourceInfo* FindResource(std::string_view kind) {
  for (const auto& r : WatchedResources())
    if (r.kind == kind) return &r;
  return nullptr;
}

const ResourceInfo& EventResource() {
  static const ResourceInfo kEvent{"Event", "", "v1", "events", true};
  return kEvent;
}

const ResourceInfo& LeaseResource() {
  static const ResourceInfo kLease{"Lease", "coordination.k8s.io", "v1", "leases", true};
  return kLease;
}

std::string QueryEscape(std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace kic::kube::client
