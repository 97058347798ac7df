#include "translate/gateway_certificates.h"

#include <algorithm>

#include "translate/gateway_attachment.h"
#include "translate/gateway_routes_common.h"
#include "translate/reference_grants.h"

namespace kic::translate {
namespace {

bool ListenerProgrammed(const kube::Gateway& gateway, const kube::Listener& listener) {
  for (const auto& s : gateway.listener_statuses) {
    if (s.name != listener.name) continue;
    return std::any_of(s.conditions.begin(), s.conditions.end(),
                       [](const auto& c) { return c.type == "Programmed" && c.status == "True"; });
  }
  return false;
}

bool RefAllowed(const Context& ctx, const kube::Gateway& gateway, const kube::CertificateRef& ref) {
  const std::string ns = ref.namespace_.value_or(gateway.meta.namespace_);
  return ReferenceAllowed(ctx.store, {kGatewayGroup, kube::Gateway::kKind, gateway.meta.namespace_},
                          {"", "Secret", ns}, ref.name);
}

}  // namespace

std::string CertificateRefProblem(const Context& ctx, const kube::Gateway& gateway,
                                  const kube::Listener& listener) {
  if (!listener.tls) return "";
  for (const auto& ref : listener.tls->certificate_refs) {
    if (!RefAllowed(ctx, gateway, ref)) return "RefNotPermitted";
    const std::string group = ref.group.value_or("");
    if ((group != "" && group != "core") || ref.kind.value_or("Secret") != "Secret")
      return "InvalidCertificateRef";
    const auto* secret = ctx.store.secrets().Get(ref.namespace_.value_or(gateway.meta.namespace_), ref.name);
    if (!secret || !secret->data.Has("tls.crt") || !secret->data.Has("tls.key"))
      return "InvalidCertificateRef";
  }
  return "";
}

void ClaimGatewayCertificates(Context& ctx) {
  const bool as_cached = !RoutesNeedAcceptingGateway(ctx.options);
  for (const auto* gateway : SortedObjects<kube::Gateway>(ctx.store)) {
    if (!as_cached && !IsControlledGateway(ctx, *gateway)) continue;
    for (const auto& listener : gateway->listeners) {
      if (!listener.tls || listener.tls->certificate_refs.empty() || !ListenerProgrammed(*gateway, listener))
        continue;
      const auto& ref = listener.tls->certificate_refs.front();
      const std::string group = ref.group.value_or("");
      if ((group != "" && group != "core") || ref.kind.value_or("Secret") != "Secret") continue;
      if (!RefAllowed(ctx, *gateway, ref)) {
        ctx.Report(ObjectRef(*gateway), "spec.listeners[" + listener.name + "].tls.certificateRefs[0]",
                   "Secret " + ref.namespace_.value_or("") + "/" + ref.name +
                       " is in another namespace and no ReferenceGrant allows the reference");
        continue;
      }
      const std::string sni = listener.hostname && !listener.hostname->empty() ? *listener.hostname : "*";
      ctx.tls.Add(ref.namespace_.value_or(gateway->meta.namespace_) + "/" + ref.name, {sni},
                  ObjectRef(*gateway));
    }
  }
}

}  // namespace kic::translate
