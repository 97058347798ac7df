#pragma once

#include <simdjson.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <variant>

#include "common/yaml_tree.h"
#include "kube/gateway_objects.h"
#include "kube/kong_objects.h"
#include "kube/objects.h"

namespace kic::kube {

// Every kind the controller keeps. Kinds not listed here are skipped when decoding.
using Object =
    std::variant<Ingress, IngressClass, Service, EndpointSlice, Secret, ConfigMap,                      //
                 KongPlugin, KongClusterPlugin, KongConsumer, KongConsumerGroup, KongServiceFacade,     //
                 KongUpstreamPolicy, KongIngress, TCPIngress, UDPIngress, KongVault, KongCustomEntity,  //
                 IngressClassParameters,                                                                //
                 GatewayClass, Gateway, HTTPRoute, GRPCRoute, ReferenceGrant, TCPRoute, UDPRoute, TLSRoute,
                 Namespace>;

// A field of an object that does not hold what its kind says it must.
class DecodeError : public std::runtime_error {
 public:
  DecodeError(std::string field, const std::string& message)
      : std::runtime_error(field.empty() ? message : field + ": " + message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// The apiVersion/kind of an object, read before deciding whether to decode it.
struct TypeInfo {
  std::string api_version;
  std::string kind;
  std::string name;        // metadata.name, for messages about objects that failed to decode
  std::string namespace_;  // metadata.namespace
};

TypeInfo ReadTypeInfo(const yaml::Node& node);
TypeInfo ReadTypeInfo(simdjson::dom::element node);

// Decodes one Kubernetes object. Returns nullopt for kinds that are not kept (and for a group
// that does not match the kind, e.g. a "Service" of another API group). Throws DecodeError
// naming the offending field.
std::optional<Object> DecodeObject(const yaml::Node& node);
std::optional<Object> DecodeObject(simdjson::dom::element node);

const ObjectMeta& MetaOf(const Object& object);
const char* KindOf(const Object& object);

}  // namespace kic::kube
