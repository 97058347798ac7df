#include "translate/ca_certificates.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>
#include <set>

#include "common/strings.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};

std::string CheckCa(const std::string& pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    ERR_clear_error();
    return "not a PEM certificate";
  }
  if (X509_check_ca(cert.get()) == 0) return "the certificate is not a CA certificate";
  return "";
}

template <class T>
void Collect(Context& ctx, const kube::Table<T>& table, std::set<std::string>& ids,
             std::vector<kong::CACertificate>& out) {
  std::vector<const T*> objects;
  for (const auto& o : table.items())
    if (o->meta.labels.Get("konghq.com/ca-cert") == "true") objects.push_back(o.get());
  std::sort(objects.begin(), objects.end(), [](auto* a, auto* b) { return a->meta.Key() < b->meta.Key(); });
  for (const auto* o : objects) {
    const std::string object = ObjectRef(*o);
    const auto* id = o->data.Find("id");
    if (!id || id->empty()) {
      ctx.Report(object, "data.id", "a CA certificate needs an 'id' key (the Kong ID to give it)");
      continue;
    }
    const auto* cert = o->data.Find("cert");
    if (!cert) cert = o->data.Find("ca.crt");
    if (!cert) {
      ctx.Report(object, "data.cert", "a CA certificate needs a 'cert' (or 'ca.crt') key with the PEM");
      continue;
    }
    const std::string pem(TrimSpace(*cert));
    if (const auto error = CheckCa(pem); !error.empty()) {
      ctx.Report(object, "data.cert", error);
      continue;
    }
    if (!ids.insert(*id).second) {
      ctx.Report(object, "data.id", "CA certificate id " + *id + " is used by another object");
      continue;
    }
    out.push_back(kong::CACertificate{*id, pem, TagsFor(*o)});
  }
}

}  // namespace

std::vector<kong::CACertificate> BuildCaCertificates(Context& ctx) {
  std::vector<kong::CACertificate> out;
  std::set<std::string> ids;
  Collect(ctx, ctx.store.secrets(), ids, out);
  Collect(ctx, ctx.store.config_maps(), ids, out);
  return out;
}

}  // namespace kic::translate
