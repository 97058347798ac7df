#pragma once

// Kong's own kinds (configuration.konghq.com, incubator.ingress-controller.konghq.com).
// Several legacy kinds keep their fields at the top level rather than under spec.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kube/meta.h"

namespace kic::kube {

struct SecretKeyRef {
  std::string namespace_;  // KongClusterPlugin only
  std::string name;
  std::string key;
  bool operator==(const SecretKeyRef&) const = default;
};

struct ConfigPatch {
  std::string path;  // JSON Pointer into the config
  SecretKeyRef value_from;
  bool operator==(const ConfigPatch&) const = default;
};

// KongPlugin and KongClusterPlugin share their shape.
struct PluginSpec {
  std::string plugin;  // Kong plugin name
  std::optional<nlohmann::json> config;
  std::optional<SecretKeyRef> config_from;
  std::vector<ConfigPatch> config_patches;
  bool disabled = false;
  std::vector<std::string> protocols;
  std::string run_on;
  std::optional<nlohmann::json> ordering;
  std::string instance_name;
  bool operator==(const PluginSpec&) const = default;
};

struct KongPlugin {
  static constexpr const char* kKind = "KongPlugin";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  PluginSpec spec;
  bool operator==(const KongPlugin&) const = default;
};

struct KongClusterPlugin {
  static constexpr const char* kKind = "KongClusterPlugin";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  PluginSpec spec;
  bool operator==(const KongClusterPlugin&) const = default;
};

struct KongConsumer {
  static constexpr const char* kKind = "KongConsumer";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  std::string username;
  std::string custom_id;
  std::vector<std::string> credentials;
  std::vector<std::string> consumer_groups;
  bool operator==(const KongConsumer&) const = default;
};

struct KongConsumerGroup {
  static constexpr const char* kKind = "KongConsumerGroup";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  bool operator==(const KongConsumerGroup&) const = default;
};

struct KongServiceFacade {
  static constexpr const char* kKind = "KongServiceFacade";
  static constexpr const char* kGroup = "incubator.ingress-controller.konghq.com";
  ObjectMeta meta;
  std::string backend_name;  // a Service in the same namespace
  int64_t backend_port = 0;
  bool operator==(const KongServiceFacade&) const = default;
};

// KongUpstreamPolicy spec, kept as JSON: it maps onto Kong's upstream fields one by one.
struct KongUpstreamPolicy {
  static constexpr const char* kKind = "KongUpstreamPolicy";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  nlohmann::json spec = nlohmann::json::object();
  bool operator==(const KongUpstreamPolicy&) const = default;
};

// KongIngress (deprecated): only its upstream section still applies.
struct KongIngress {
  static constexpr const char* kKind = "KongIngress";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  std::optional<nlohmann::json> upstream;
  bool has_proxy = false;
  bool has_route = false;
  bool operator==(const KongIngress&) const = default;
};

struct L4Rule {
  std::string host;  // TCPIngress: SNI
  int64_t port = 0;
  std::string service_name;
  int64_t service_port = 0;
  bool operator==(const L4Rule&) const = default;
};

struct TCPIngress {
  static constexpr const char* kKind = "TCPIngress";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  std::vector<L4Rule> rules;
  struct TLS {
    std::vector<std::string> hosts;
    std::string secret_name;
    bool operator==(const TLS&) const = default;
  };
  std::vector<TLS> tls;
  bool operator==(const TCPIngress&) const = default;
};

struct UDPIngress {
  static constexpr const char* kKind = "UDPIngress";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  std::vector<L4Rule> rules;
  bool operator==(const UDPIngress&) const = default;
};

struct KongVault {
  static constexpr const char* kKind = "KongVault";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  std::string backend;
  std::string prefix;
  std::string description;
  std::optional<nlohmann::json> config;
  std::vector<std::string> tags;
  bool operator==(const KongVault&) const = default;
};

struct KongCustomEntity {
  static constexpr const char* kKind = "KongCustomEntity";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  std::string type;
  std::string controller_name;
  nlohmann::json fields = nlohmann::json::object();
  struct ParentRef {
    std::string group, kind, namespace_, name;
    bool operator==(const ParentRef&) const = default;
  };
  std::optional<ParentRef> parent_ref;
  bool operator==(const KongCustomEntity&) const = default;
};

struct IngressClassParameters {
  static constexpr const char* kKind = "IngressClassParameters";
  static constexpr const char* kGroup = "configuration.konghq.com";
  ObjectMeta meta;
  bool service_upstream = false;
  bool enable_legacy_regex_detection = false;
  bool operator==(const IngressClassParameters&) const = default;
};

}  // namespace kic::kube
