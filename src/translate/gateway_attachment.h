#pragma once

// Which Gateway listeners a route attaches to, as KIC's route controllers decide it
// (kic-expressions-and-status.md §3.4), and the listeners translation takes protocols, ports and
// hostnames from.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/gateway_objects.h"
#include "translate/state.h"

namespace kic::translate {

inline constexpr std::string_view kGatewayGroup = "gateway.networking.k8s.io";

// The route as attachment sees it: its kind, metadata, parentRefs and hostnames.
struct RouteRef {
  std::string_view kind;  // HTTPRoute, GRPCRoute, TCPRoute, UDPRoute, TLSRoute
  const kube::ObjectMeta* meta = nullptr;
  const std::vector<kube::ParentReference>* parent_refs = nullptr;
  const std::vector<std::string>* hostnames = nullptr;  // nullptr for kinds without hostnames
};

// One parentRef resolved to a Gateway of this controller.
struct ParentAttachment {
  const kube::ParentReference* ref = nullptr;
  const kube::Gateway* gateway = nullptr;
  bool accepted = false;
  std::string reason;  // Accepted, NoMatchingParent, NotAllowedByListeners, NoMatchingListenerHostname
  std::vector<const kube::Listener*> listeners;  // the listeners that accept the route
};

struct Attachment {
  std::vector<ParentAttachment> parents;  // only Gateways whose class this controller owns
  // The listeners translation uses: accepting ones, or, when objects are taken as KIC's cache
  // holds them (no API defaults), every listener of a referenced Gateway (sectionName honoured).
  std::vector<const kube::Listener*> listeners;
  bool gateway_found = false;  // some parentRef names an existing Gateway
  bool translate = false;      // the route goes to the data plane
  // HTTPRoute: the hostnames after intersecting with the attached listeners (KIC's filterHostnames).
  std::vector<std::string> hostnames;
};

// When objects are taken exactly as written (Options::apply_api_defaults off: KIC's golden tests,
// whose cache holds whatever was loaded), every route is translated, as KIC's translator does with
// its cache. Otherwise a route needs a Gateway of this controller that accepts it, as KIC's route
// controllers require before they admit it to the cache.
bool RoutesNeedAcceptingGateway(const Options& options);

// Whether the GatewayClass named `class_name` is this controller's, and the Gateway is one it
// handles (unmanaged class annotation, or already Accepted by the managing controller).
bool IsControlledGateway(const Context& ctx, const kube::Gateway& gateway);

Attachment Attach(const Context& ctx, const RouteRef& route);

// The listener's supportedKinds (kic-expressions-and-status.md §3.3); `invalid` is set when
// allowedRoutes.kinds names a kind KIC does not support.
std::vector<kube::RouteGroupKind> SupportedKinds(const kube::Listener& listener, bool* invalid = nullptr);

}  // namespace kic::translate
