#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "translate/state.h"

namespace kic::translate {

inline constexpr std::string_view kAnnotationPrefix = "konghq.com/";

// Route-level konghq.com/* annotations of the route's Ingress (kic-behaviour.md §3.1), in KIC's order.
// A bad value is reported against the Ingress and leaves the field as it was.
// In expression mode the matchers (methods, snis, host-aliases, headers, regex-priority,
// path-handling) are folded into the expression elsewhere and skipped here.
void ApplyRouteAnnotations(RouteDraft& route, bool expression_routes, Context& ctx);

// Service-level annotations of the backing Kubernetes Service (§3.2): protocol, path, timeouts,
// retries, tls-verify, tls-verify-depth.
void ApplyServiceAnnotations(kong::Service& service, const kube::Service& k8s_service, Context& ctx);

// The field path problems use for an annotation.
std::string AnnotationField(std::string_view key);

bool IsValidProtocol(std::string_view protocol);

// konghq.com/headers.<name> annotations: name -> values split on konghq.com/headers-separator
// (default ","), each trimmed. Empty names and values are ignored.
std::map<std::string, std::vector<std::string>> ExtractHeaderAnnotations(const kube::ObjectMeta& meta);

}  // namespace kic::translate
