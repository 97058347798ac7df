#include "translate/gateway_certificates.h"

#include <algorithm>
#include <string>

#include "translate/gateway_attachment.h"
#include "translate/gateway_listeners.h"
#include "translate/gateway_routes_common.h"
#include "translate/reference_grants.h"

namespace kic::translate {
namespace {

// Whether `data` holds a PEM block, as Go's pem.Decode finds one: a BEGIN line and a matching
// END line after it. KIC rejects listener Secrets whose tls.crt or tls.key hold none.
bool HasPemBlock(const std::string* data) {
  if (!data) return false;
  const auto begin = data->find("-----BEGIN ");
  if (begin == std::string::npos) return false;
  const auto label_end = data->find("-----", begin + 11);
  if (label_end == std::string::npos) return false;
  const std::string label = data->substr(begin + 11, label_end - begin - 11);
  return data->find("-----END " + label + "-----", label_end + 5) != std::string::npos;
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
    if (!secret || !HasPemBlock(secret->data.Find("tls.crt")) || !HasPemBlock(secret->data.Find("tls.key")))
      return "InvalidCertificateRef";
  }
  return "";
}

void ClaimGatewayCertificates(Context& ctx) {
  const bool as_cached = !RoutesNeedAcceptingGateway(ctx.options);
  for (const auto* gateway : SortedObjects<kube::Gateway>(ctx.store)) {
    if (!as_cached && !IsControlledGateway(ctx, *gateway)) continue;
    const auto states = ListenerStates(ctx, *gateway);
    for (size_t i = 0; i < gateway->listeners.size(); ++i) {
      const auto& listener = gateway->listeners[i];
      if (!listener.tls || listener.tls->certificate_refs.empty() || !states[i].programmed) continue;
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
