#pragma once

#include "translate/state.h"

namespace kic::translate {

// Certificates and SNIs for every TLS Secret claimed by an Ingress TLS section (or a service's
// client-cert annotation). The certificate ID is the Secret's UID; Secrets holding the same
// cert+key become one certificate (the oldest Secret's UID); an SNI goes to the first certificate
// that claims it.
std::vector<kong::Certificate> BuildCertificates(Context& ctx);

// Whether `cert` and `key` (PEM) form a usable key pair; `error` says why not.
bool IsKeyPair(const std::string& cert, const std::string& key, std::string& error);

}  // namespace kic::translate
