#pragma once

// Lean object types: only the fields translation and status need. Decoding fills them from
// YAML manifests and from JSON (LIST/WATCH); everything else in the API object is dropped.

#include <optional>
#include <string>
#include <vector>

#include "common/boxed_optional.h"
#include "kube/meta.h"

namespace kic::kube {

// ---- networking.k8s.io/v1 ----

struct ServiceBackendPort {
  std::optional<int64_t> number;
  std::string name;
  bool operator==(const ServiceBackendPort&) const = default;
};

struct IngressBackend {
  struct ServiceRef {
    std::string name;
    ServiceBackendPort port;
    bool operator==(const ServiceRef&) const = default;
  };
  struct ResourceRef {
    std::string api_group, kind, name;
    bool operator==(const ResourceRef&) const = default;
  };
  std::optional<ServiceRef> service;
  // Rare (KongServiceFacade backends): boxed, so that the common path costs 8 bytes for it.
  BoxedOptional<ResourceRef> resource;
  bool operator==(const IngressBackend&) const = default;
};

struct HTTPIngressPath {
  std::string path;
  std::string path_type;  // "" when unset
  IngressBackend backend;
  bool operator==(const HTTPIngressPath&) const = default;
};

struct IngressRule {
  std::string host;
  std::vector<HTTPIngressPath> paths;
  bool operator==(const IngressRule&) const = default;
};

struct IngressTLS {
  std::vector<std::string> hosts;
  std::string secret_name;
  bool operator==(const IngressTLS&) const = default;
};

struct Ingress {
  static constexpr const char* kKind = "Ingress";
  static constexpr const char* kGroup = "networking.k8s.io";
  ObjectMeta meta;
  std::optional<std::string> ingress_class_name;
  // Rare, and an IngressBackend is large: boxed, so that the common Ingress costs 8 bytes for it.
  BoxedOptional<IngressBackend> default_backend;
  std::vector<IngressRule> rules;
  std::vector<IngressTLS> tls;
  bool operator==(const Ingress&) const = default;
};

// Kept for its labels: Gateway listeners' allowedRoutes `from: Selector` matches them.
struct Namespace {
  static constexpr const char* kKind = "Namespace";
  static constexpr const char* kGroup = "";
  ObjectMeta meta;
  bool operator==(const Namespace&) const = default;
};

struct IngressClass {
  static constexpr const char* kKind = "IngressClass";
  static constexpr const char* kGroup = "networking.k8s.io";
  ObjectMeta meta;
  std::string controller;
  struct Parameters {
    std::string api_group, kind, name, namespace_, scope;
    bool operator==(const Parameters&) const = default;
  };
  std::optional<Parameters> parameters;
  bool IsDefault() const {
    return meta.annotations.Get("ingressclass.kubernetes.io/is-default-class") == "true";
  }
  bool operator==(const IngressClass&) const = default;
};

// ---- core/v1 ----

struct ServicePort {
  std::string name;
  std::string protocol = "TCP";
  int64_t port = 0;
  IntOrString target_port;
  bool operator==(const ServicePort&) const = default;
};

struct Service {
  static constexpr const char* kKind = "Service";
  static constexpr const char* kGroup = "";
  ObjectMeta meta;
  std::string type = "ClusterIP";
  std::string external_name;
  std::vector<std::string> cluster_ips;
  std::vector<ServicePort> ports;
  // status.loadBalancer.ingress, for publish-service addresses.
  std::vector<std::string> load_balancer_ips;
  std::vector<std::string> load_balancer_hostnames;
  bool operator==(const Service&) const = default;
};

// Secrets of this type are stored without their data (see the decoder).
inline constexpr std::string_view kHelmReleaseSecretType = "helm.sh/release.v1";

struct Secret {
  static constexpr const char* kKind = "Secret";
  static constexpr const char* kGroup = "";
  ObjectMeta meta;
  std::string type;
  StringMap data;  // decoded bytes; stringData merged over data
  bool operator==(const Secret&) const = default;
};

struct ConfigMap {
  static constexpr const char* kKind = "ConfigMap";
  static constexpr const char* kGroup = "";
  ObjectMeta meta;
  StringMap data;  // data, with binaryData decoded into it
  bool operator==(const ConfigMap&) const = default;
};

// ---- discovery.k8s.io/v1 ----

struct Endpoint {
  std::vector<std::string> addresses;
  std::optional<bool> ready, serving, terminating;
  bool operator==(const Endpoint&) const = default;
};

struct EndpointPort {
  std::optional<std::string> name;
  std::string protocol = "TCP";
  std::optional<int64_t> port;
  bool operator==(const EndpointPort&) const = default;
};

struct EndpointSlice {
  static constexpr const char* kKind = "EndpointSlice";
  static constexpr const char* kGroup = "discovery.k8s.io";
  ObjectMeta meta;
  std::string address_type;
  std::vector<Endpoint> endpoints;
  std::vector<EndpointPort> ports;
  // The label kubernetes.io/service-name: which Service this slice belongs to.
  std::string_view ServiceName() const { return meta.labels.Get("kubernetes.io/service-name"); }
  bool operator==(const EndpointSlice&) const = default;
};

}  // namespace kic::kube
