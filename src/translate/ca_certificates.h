#pragma once

#include "translate/state.h"

namespace kic::translate {

// Secrets and ConfigMaps labelled konghq.com/ca-cert: "true" become Kong CA certificates, with the
// ID from their `id` key and the PEM from `cert` (or `ca.crt`). Kong refuses a certificate that is
// not a CA, so such objects are reported and left out. (Expiry is Kong's to judge: the translator
// has no clock.)
std::vector<kong::CACertificate> BuildCaCertificates(Context& ctx);

}  // namespace kic::translate
