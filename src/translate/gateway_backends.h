#pragma once

// A Gateway API route's backendRefs: which become Kong upstream targets, why the others do not
// (the route's ResolvedRefs condition), and the Kong service that holds them.

#include <string>
#include <string_view>
#include <vector>

#include "kong/config.h"
#include "kube/gateway_objects.h"
#include "translate/state.h"

namespace kic::translate {

struct ResolvedBackends {
  std::vector<Backend> usable;  // core Services that exist and may be referred to
  // The first unusable reference, as the route's ResolvedRefs condition says it.
  std::string reason = "ResolvedRefs";  // InvalidKind, BackendNotFound, RefNotPermitted
  std::string message;
};

// `route_kind`/`route_ns` name the referrer for ReferenceGrant checks. A backendRef without a
// kind (possible only without API defaults) is unusable, as in KIC's golden tests.
ResolvedBackends ResolveBackends(const Context& ctx, std::string_view route_kind, const std::string& route_ns,
                                 const std::vector<kube::GatewayBackendRef>& refs);

// The Kong service named `name` (host = name, KIC's defaults for Gateway API services), created on
// first use. `tags` are used until PopulateServices replaces them with a single Service's tags.
ServiceDraft& EnsureGatewayService(Context& ctx, const std::string& name, const std::string& ns,
                                   const std::string& parent, const kong::Tags& tags,
                                   const std::string& protocol);

// KIC's service plugin for a rule whose backendRefs are all unusable.
kong::Plugin NoBackendPlugin();

}  // namespace kic::translate
