#pragma once

#include <string>
#include <unordered_map>

#include "translate/state.h"

namespace kic::translate {

// Remembers which PEM cert+key pairs were checked and with what result. OpenSSL 3 takes about half a
// millisecond to decode a private key, so a controller that re-translates on every change keeps one
// of these across translations; results depend only on the bytes, so translation stays pure.
class KeyPairCache {
 public:
  // "" when the pair is usable, else why not.
  const std::string& Check(const std::string& cert, const std::string& key);
  size_t size() const { return results_.size(); }

 private:
  std::unordered_map<std::string, std::string> results_;  // cert + '\0' + key -> error
};

// Certificates and SNIs for every TLS Secret claimed by an Ingress TLS section (or a service's
// client-cert annotation). The certificate ID is the Secret's UID; Secrets holding the same
// cert+key become one certificate (the oldest Secret's UID); an SNI goes to the first certificate
// that claims it.
std::vector<kong::Certificate> BuildCertificates(Context& ctx, KeyPairCache& key_pairs);

// Whether `cert` and `key` (PEM) form a usable key pair; `error` says why not.
bool IsKeyPair(const std::string& cert, const std::string& key, std::string& error);

}  // namespace kic::translate
