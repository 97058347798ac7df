#pragma once

// Gateway API kinds (gateway.networking.k8s.io): lean types holding what translation and status need.
// Fields the API server defaults are optional here, so that an object can be taken exactly as
// written (KIC's golden tests do) or with the API server's defaults (translate/gateway_defaults.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kube/meta.h"

namespace kic::kube {

// metav1.Condition, as read from an object's status.
struct GatewayCondition {
  std::string type;
  std::string status;
  std::string reason;
  std::string message;
  int64_t observed_generation = 0;
  bool operator==(const GatewayCondition&) const = default;
};

// A route's parentRefs[] item.
struct ParentReference {
  std::optional<std::string> group;  // default gateway.networking.k8s.io
  std::optional<std::string> kind;   // default Gateway
  std::optional<std::string> namespace_;
  std::string name;
  std::optional<std::string> section_name;
  std::optional<int64_t> port;
  bool operator==(const ParentReference&) const = default;
};

// A route's backendRefs[] item (filters of HTTPRoute backendRefs are not kept: KIC rejects them).
struct GatewayBackendRef {
  std::optional<std::string> group;  // default "" (core)
  std::optional<std::string> kind;   // default Service
  std::string name;
  std::optional<std::string> namespace_;
  std::optional<int64_t> port;
  std::optional<int64_t> weight;  // default 1
  bool has_filters = false;
  bool operator==(const GatewayBackendRef&) const = default;
};

struct RouteGroupKind {
  std::optional<std::string> group;  // default gateway.networking.k8s.io
  std::string kind;
  bool operator==(const RouteGroupKind&) const = default;
};

struct LabelSelectorRequirement {
  std::string key;
  std::string op;  // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;
  bool operator==(const LabelSelectorRequirement&) const = default;
};

struct LabelSelector {
  StringMap match_labels;
  std::vector<LabelSelectorRequirement> match_expressions;
  bool operator==(const LabelSelector&) const = default;
};

// A Secret (or other) reference of a listener's tls.certificateRefs.
struct CertificateRef {
  std::optional<std::string> group;  // default ""
  std::optional<std::string> kind;   // default Secret
  std::string name;
  std::optional<std::string> namespace_;
  bool operator==(const CertificateRef&) const = default;
};

struct Listener {
  std::string name;
  std::optional<std::string> hostname;
  int64_t port = 0;
  std::string protocol;  // HTTP, HTTPS, TLS, TCP, UDP
  struct Tls {
    std::optional<std::string> mode;  // default Terminate
    std::vector<CertificateRef> certificate_refs;
    bool operator==(const Tls&) const = default;
  };
  std::optional<Tls> tls;
  // allowedRoutes.namespaces.from (default Same) and .selector; allowedRoutes.kinds.
  std::optional<std::string> namespaces_from;
  std::optional<LabelSelector> namespaces_selector;
  std::vector<RouteGroupKind> allowed_kinds;
  bool operator==(const Listener&) const = default;
};

// status.listeners[] as currently written on the Gateway.
struct ListenerStatus {
  std::string name;
  std::vector<RouteGroupKind> supported_kinds;
  int64_t attached_routes = 0;
  std::vector<GatewayCondition> conditions;
  bool operator==(const ListenerStatus&) const = default;
};

struct GatewayClass {
  static constexpr const char* kKind = "GatewayClass";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::string controller_name;
  std::vector<GatewayCondition> conditions;  // status.conditions
  bool operator==(const GatewayClass&) const = default;
};

struct Gateway {
  static constexpr const char* kKind = "Gateway";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::string gateway_class_name;
  std::vector<Listener> listeners;
  std::vector<GatewayCondition> conditions;       // status.conditions
  std::vector<ListenerStatus> listener_statuses;  // status.listeners
  bool operator==(const Gateway&) const = default;
};

// ---- HTTPRoute ----

struct HTTPPathMatch {
  std::optional<std::string> type;   // default PathPrefix
  std::optional<std::string> value;  // default "/"
  bool operator==(const HTTPPathMatch&) const = default;
};

// A header or query parameter match.
struct HTTPValueMatch {
  std::optional<std::string> type;  // default Exact
  std::string name;
  std::string value;
  bool operator==(const HTTPValueMatch&) const = default;
};

struct HTTPRouteMatch {
  std::optional<HTTPPathMatch> path;  // default PathPrefix "/"
  std::vector<HTTPValueMatch> headers;
  std::vector<HTTPValueMatch> query_params;
  std::optional<std::string> method;
  bool operator==(const HTTPRouteMatch&) const = default;
};

struct HTTPHeaderModifier {
  std::vector<std::pair<std::string, std::string>> set;
  std::vector<std::pair<std::string, std::string>> add;
  std::vector<std::string> remove;
  bool operator==(const HTTPHeaderModifier&) const = default;
};

struct HTTPPathModifier {
  std::string type;  // ReplaceFullPath, ReplacePrefixMatch
  std::optional<std::string> replace_full_path;
  std::optional<std::string> replace_prefix_match;
  bool operator==(const HTTPPathModifier&) const = default;
};

struct HTTPRequestRedirect {
  std::optional<std::string> scheme;
  std::optional<std::string> hostname;
  std::optional<HTTPPathModifier> path;
  std::optional<int64_t> port;
  std::optional<int64_t> status_code;  // default 302
  bool operator==(const HTTPRequestRedirect&) const = default;
};

struct HTTPURLRewrite {
  std::optional<std::string> hostname;
  std::optional<HTTPPathModifier> path;
  bool operator==(const HTTPURLRewrite&) const = default;
};

struct LocalObjectReference {
  std::string group;
  std::string kind;
  std::string name;
  bool operator==(const LocalObjectReference&) const = default;
};

// One filter of an HTTPRoute or GRPCRoute rule; only the member named by `type` is set.
struct HTTPRouteFilter {
  std::string type;
  std::optional<HTTPHeaderModifier> request_header_modifier;
  std::optional<HTTPHeaderModifier> response_header_modifier;
  std::optional<HTTPRequestRedirect> request_redirect;
  std::optional<HTTPURLRewrite> url_rewrite;
  std::optional<LocalObjectReference> extension_ref;
  bool operator==(const HTTPRouteFilter&) const = default;
};

struct HTTPRouteRule {
  std::optional<std::string> name;
  std::vector<HTTPRouteMatch> matches;
  std::vector<HTTPRouteFilter> filters;
  std::vector<GatewayBackendRef> backend_refs;
  std::optional<std::string> timeout_request;          // timeouts.request, a Gateway API duration
  std::optional<std::string> timeout_backend_request;  // timeouts.backendRequest
  bool operator==(const HTTPRouteRule&) const = default;
};

struct HTTPRoute {
  static constexpr const char* kKind = "HTTPRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::vector<ParentReference> parent_refs;
  std::vector<std::string> hostnames;
  std::vector<HTTPRouteRule> rules;
  bool operator==(const HTTPRoute&) const = default;
};

// ---- GRPCRoute ----

struct GRPCMethodMatch {
  std::optional<std::string> type;  // default Exact
  std::optional<std::string> service;
  std::optional<std::string> method;
  bool operator==(const GRPCMethodMatch&) const = default;
};

struct GRPCRouteMatch {
  std::optional<GRPCMethodMatch> method;
  std::vector<HTTPValueMatch> headers;
  bool operator==(const GRPCRouteMatch&) const = default;
};

struct GRPCRouteRule {
  std::optional<std::string> name;
  std::vector<GRPCRouteMatch> matches;
  std::vector<HTTPRouteFilter> filters;
  std::vector<GatewayBackendRef> backend_refs;
  bool operator==(const GRPCRouteRule&) const = default;
};

struct GRPCRoute {
  static constexpr const char* kKind = "GRPCRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::vector<ParentReference> parent_refs;
  std::vector<std::string> hostnames;
  std::vector<GRPCRouteRule> rules;
  bool operator==(const GRPCRoute&) const = default;
};

// ---- ReferenceGrant ----

struct ReferenceGrantFrom {
  std::string group;
  std::string kind;
  std::string namespace_;
  bool operator==(const ReferenceGrantFrom&) const = default;
};

struct ReferenceGrantTo {
  std::string group;
  std::string kind;
  std::optional<std::string> name;
  bool operator==(const ReferenceGrantTo&) const = default;
};

struct ReferenceGrant {
  static constexpr const char* kKind = "ReferenceGrant";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::vector<ReferenceGrantFrom> from;
  std::vector<ReferenceGrantTo> to;
  bool operator==(const ReferenceGrant&) const = default;
};

// ---- L4 routes (v1alpha2) ----

struct L4RouteRule {
  std::optional<std::string> name;
  std::vector<GatewayBackendRef> backend_refs;
  bool operator==(const L4RouteRule&) const = default;
};

struct TCPRoute {
  static constexpr const char* kKind = "TCPRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::vector<ParentReference> parent_refs;
  std::vector<L4RouteRule> rules;
  bool operator==(const TCPRoute&) const = default;
};

struct UDPRoute {
  static constexpr const char* kKind = "UDPRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::vector<ParentReference> parent_refs;
  std::vector<L4RouteRule> rules;
  bool operator==(const UDPRoute&) const = default;
};

struct TLSRoute {
  static constexpr const char* kKind = "TLSRoute";
  static constexpr const char* kGroup = "gateway.networking.k8s.io";
  ObjectMeta meta;
  std::vector<ParentReference> parent_refs;
  std::vector<std::string> hostnames;
  std::vector<L4RouteRule> rules;
  bool operator==(const TLSRoute&) const = default;
};

}  // namespace kic::kube
