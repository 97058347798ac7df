#pragma once

// Gateway API kinds (gateway.networking.k8s.io): lean types holding what translation and status need.

#include <optional>
#include <string>
#include <vector>

#include "kube/meta.h"

namespace kic::kube {

struct GatewayClass {
  static constexpr const char* kKind = "GatewayClass";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::string controller_name;
  bool operator==(const GatewayClass&) const = default;
};

struct Gateway {
  static constexpr const char* kKind = "Gateway";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::string gateway_class_name;
  bool operator==(const Gateway&) const = default;
};

struct HTTPRoute {
  static constexpr const char* kKind = "HTTPRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  bool operator==(const HTTPRoute&) const = default;
};

struct GRPCRoute {
  static constexpr const char* kKind = "GRPCRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  bool operator==(const GRPCRoute&) const = default;
};

struct ReferenceGrant {
  static constexpr const char* kKind = "ReferenceGrant";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  bool operator==(const ReferenceGrant&) const = default;
};

struct TCPRoute {
  static constexpr const char* kKind = "TCPRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  bool operator==(const TCPRoute&) const = default;
};

struct UDPRoute {
  static constexpr const char* kKind = "UDPRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  bool operator==(const UDPRoute&) const = default;
};

struct TLSRoute {
  static constexpr const char* kKind = "TLSRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  bool operator==(const TLSRoute&) const = default;
};

}  // namespace kic::kube
