#pragma once

// The state of a Gateway's listeners as routes see it, and the label-selector check of
// allowedRoutes.namespaces.from: Selector.
//
// For a Gateway whose status this controller writes (class with our controllerName and the
// unmanaged annotation), routes are matched against the listener status this very pass computes:
// KIC writes listener status first and re-evaluates routes once it is there, so the settled
// state is the computed one. For any other Gateway, and when objects are taken as KIC's cache
// holds them (Options::routes_need_accepting_gateway off), the status stored on it counts.

#include <string>
#include <vector>

#include "kube/gateway_objects.h"
#include "translate/state.h"

namespace kic::translate {

struct ListenerState {
  bool present = false;  // the listener has a status entry (always, for Gateways we write)
  std::vector<kube::RouteGroupKind> supported_kinds;
  bool invalid_kinds = false;  // allowedRoutes.kinds names a kind KIC does not support
  std::string refs_problem;    // RefNotPermitted, InvalidCertificateRef, InvalidRouteKinds or ""
  std::string conflict;        // ProtocolConflict, HostnameConflict or ""
  bool programmed = false;
};

// Whether this controller writes the Gateway's status (and so computes its listeners' state).
bool WritesGatewayStatus(const Context& ctx, const kube::Gateway& gateway);

// The listener status this controller writes for the Gateway, from its spec: supported kinds,
// certificate references, port conflicts. One state per spec.listeners entry, in spec order.
std::vector<ListenerState> ComputeListenerStates(const Context& ctx, const kube::Gateway& gateway);

// The listeners as route attachment sees them (see above): computed for Gateways whose status
// we write (live view), as stored otherwise. One state per spec.listeners entry, in spec order.
std::vector<ListenerState> ListenerStates(const Context& ctx, const kube::Gateway& gateway);

// Kubernetes label-selector semantics: every matchLabels pair and every matchExpressions
// requirement (In, NotIn, Exists, DoesNotExist) must hold; an unknown operator matches nothing.
bool SelectorMatches(const kube::LabelSelector& selector, const kube::StringMap& labels);

}  // namespace kic::translate
