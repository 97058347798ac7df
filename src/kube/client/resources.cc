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
      {"ConfigMap", "", "v1", "configmaps", true},
      {"Namespace", "", "v1", "namespaces", false},  // labels, for allowedRoutes selectors
      {"KongPlugin", "configuration.konghq.com", "v1", "kongplugins", true},
      {"KongClusterPlugin", "configuration.konghq.com", "v1", "kongclusterplugins", false},
      {"KongConsumer", "configuration.konghq.com", "v1", "kongconsumers", true},
      {"KongConsumerGroup", "configuration.konghq.com", "v1beta1", "kongconsumergroups", true},
      {"KongIngress", "configuration.konghq.com", "v1", "kongingresses", true},
      {"KongUpstreamPolicy", "configuration.konghq.com", "v1beta1", "kongupstreampolicies", true},
      {"TCPIngress", "configuration.konghq.com", "v1beta1", "tcpingresses", true},
      {"UDPIngress", "configuration.konghq.com", "v1beta1", "udpingresses", true},
      {"KongVault", "configuration.konghq.com", "v1alpha1", "kongvaults", false},
      {"KongCustomEntity", "configuration.konghq.com", "v1alpha1", "kongcustomentities", true},
      {"IngressClassParameters", "configuration.konghq.com", "v1alpha1", "ingressclassparameterses", true},
      {"KongServiceFacade", "incubator.ingress-controller.konghq.com", "v1alpha1", "kongservicefacades",
       true},
      {"GatewayClass", "gateway.networking.k8s.io", "v1", "gatewayclasses", false},
      {"Gateway", "gateway.networking.k8s.io", "v1", "gateways", true},
      {"HTTPRoute", "gateway.networking.k8s.io", "v1", "httproutes", true},
      {"GRPCRoute", "gateway.networking.k8s.io", "v1", "grpcroutes", true},
      {"ReferenceGrant", "gateway.networking.k8s.io", "v1beta1", "referencegrants", true},
      {"TCPRoute", "gateway.networking.k8s.io", "v1alpha2", "tcproutes", true},
      {"UDPRoute", "gateway.networking.k8s.io", "v1alpha2", "udproutes", true},
      {"TLSRoute", "gateway.networking.k8s.io", "v1alpha2", "tlsroutes", true},
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
