#pragma once

#include "translate/state.h"

namespace kic::translate {

// Gateway listener certificates as TLS claims, as KIC's getGatewayCerts: for each listener whose
// status says Programmed, tls.certificateRefs[0] (a Secret, in another namespace only with a
// ReferenceGrant) serves the listener's hostname, or "*" without one.
void ClaimGatewayCertificates(Context& ctx);

// Why a listener's certificateRefs cannot be used, first failure wins: "RefNotPermitted" or
// "InvalidCertificateRef"; "" when they can (kic-expressions-and-status.md §3.3).
std::string CertificateRefProblem(const Context& ctx, const kube::Gateway& gateway,
                                  const kube::Listener& listener);

}  // namespace kic::translate
