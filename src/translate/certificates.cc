#include "translate/certificates.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <map>
#include <memory>

#include "common/strings.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

struct CertCandidate {
  kong::Certificate cert;
  int64_t created = 0;
  std::vector<std::string> snis;
};

}  // namespace

bool IsKeyPair(const std::string& cert, const std::string& key, std::string& error) {
  std::unique_ptr<BIO, BioDeleter> cert_bio(BIO_new_mem_buf(cert.data(), static_cast<int>(cert.size())));
  std::unique_ptr<X509, X509Deleter> x509(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!x509) {
    ERR_clear_error();
    error = "tls.crt is not a PEM certificate";
    return false;
  }
  std::unique_ptr<BIO, BioDeleter> key_bio(BIO_new_mem_buf(key.data(), static_cast<int>(key.size())));
  std::unique_ptr<EVP_PKEY, KeyDeleter> pkey(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!pkey) {
    ERR_clear_error();
    error = "tls.key is not a PEM private key";
    return false;
  }
  if (X509_check_private_key(x509.get(), pkey.get()) != 1) {
    ERR_clear_error();
    error = "tls.key does not match the certificate in tls.crt";
    return false;
  }
  return true;
}

const std::string& KeyPairCache::Check(const std::string& cert, const std::string& key) {
  std::string pair = cert;
  pair += '\0';
  pair += key;
  auto it = results_.find(pair);
  if (it != results_.end()) return it->second;
  std::string error;
  IsKeyPair(cert, key, error);
  return results_.emplace(std::move(pair), std::move(error)).first->second;
}

std::vector<kong::Certificate> BuildCertificates(Context& ctx, KeyPairCache& key_pairs) {
  // Identical cert+key pairs collapse into one certificate; keep the insertion order of first sight.
  std::map<std::string, CertCandidate> by_pair;
  std::vector<std::string> order;
  std::map<std::string, std::string> sni_owner;  // sni -> cert+key identifier
  for (const auto& [secret_key, claim] : ctx.tls.by_secret) {
    const auto slash = secret_key.find('/');
    const auto* secret = ctx.store.secrets().Get(secret_key.substr(0, slash), secret_key.substr(slash + 1));
    if (!secret) {
      for (const auto& parent : claim.parents)
        ctx.Report(parent, "", "Failed to fetch the secret (" + secret_key + ")");
      continue;
    }
    const auto* crt = secret->data.Find("tls.crt");
    const auto* key = secret->data.Find("tls.key");
    std::string error;
    if (!crt || !key) {
      error = "no keypair could be found in secret '" + secret_key + "'";
    } else {
      const std::string cert_pem(TrimSpace(*crt));
      const std::string key_pem(TrimSpace(*key));
      error = key_pairs.Check(cert_pem, key_pem);
      if (error.empty()) {
        const std::string identifier = cert_pem + key_pem;
        auto [it, inserted] = by_pair.try_emplace(identifier);
        CertCandidate& c = it->second;
        if (inserted) {
          order.push_back(identifier);
          c.cert.id = secret->meta.uid.str();
          c.cert.cert = cert_pem;
          c.cert.key = key_pem;
          c.cert.tags = TagsFor(*secret);
          c.created = secret->meta.creation_timestamp;
        } else if (secret->meta.creation_timestamp < c.created ||
                   (secret->meta.creation_timestamp == c.created && secret->meta.uid.str() < c.cert.id)) {
          c.cert.id = secret->meta.uid.str();
          c.created = secret->meta.creation_timestamp;
        }
        for (const auto& host : claim.hosts) {
          if (sni_owner.try_emplace(host, identifier).second) c.snis.push_back(host);
        }
        continue;
      }
    }
    ctx.Report(ObjectRef(*secret), "data", "failed to construct certificate from secret: " + error);
    for (const auto& parent : claim.parents)
      ctx.Report(parent, "", "failed to construct certificate from secret " + secret_key + ": " + error);
  }
  std::vector<kong::Certificate> out;
  out.reserve(order.size());
  for (const auto& identifier : order) {
    CertCandidate& c = by_pair.at(identifier);
    std::sort(c.snis.begin(), c.snis.end());
    for (const auto& sni : c.snis) c.cert.snis.push_back(kong::SNI{sni, c.cert.id});
    out.push_back(std::move(c.cert));
  }
  return out;
}

}  // namespace kic::translate
