#include "translate/consumers.h"

#include <algorithm>
#include <map>

#include "common/strings.h"
#include "translate/ingress_class.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

// konghq.com/credential label value -> Kong's entity name for that credential type.
const std::map<std::string, std::string, std::less<>>& CredentialEntities() {
  static const std::map<std::string, std::string, std::less<>> kEntities = {
      {"key-auth", "keyauth_credentials"}, {"basic-auth", "basicauth_credentials"},
      {"hmac-auth", "hmacauth_credentials"}, {"jwt", "jwt_secrets"},
      {"acl", "acls"}, {"oauth2", "oauth2_credentials"},
      {"mtls-auth", "mtls_auth_credentials"}};
  return kEntities;
}

// Secret data -> credential fields, with the few conversions Kong's schemas need.
nlohmann::json CredentialFields(const kube::Secret& secret) {
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [key, value] : secret.data.entries()) {
    if (key == "kongCredType") continue;  // legacy way of naming the type
    if (key == "redirect_uris") {
      nlohmann::json uris = nlohmann::json::array();
      for (const auto& u : Split(value, ",")) uris.push_back(std::string(TrimSpace(u)));
      fields[key] = std::move(uris);
    } else if (key == "hash_secret") {
      fields[key] = ParseGoBool(value).value_or(false);
    } else if (key == "ttl") {
      const auto ttl = ParseInt(value);
      if (ttl) fields[key] = *ttl;
    } else {
      fields[key] = value;
    }
  }
  return fields;
}

}  // namespace

std::vector<kong::Consumer> BuildConsumers(Context& ctx) {
  std::vector<const kube::KongConsumer*> selected;
  for (const auto& [key, c] : ctx.store.kong_consumers().items())
    if (ObjectMatchesClass(c->meta, ctx.options.ingress_class, ctx.store)) selected.push_back(c.get());
  std::sort(selected.begin(), selected.end(),
            [](const auto* a, const auto* b) { return a->meta.Key() < b->meta.Key(); });

  std::vector<kong::Consumer> out;
  for (const auto* kc : selected) {
    const std::string object = ObjectRef(*kc);
    if (kc->username.empty() && kc->custom_id.empty()) {
      ctx.Report(object, "username", "a KongConsumer needs a username or a custom_id");
      continue;
    }
    kong::Consumer consumer;
    if (!kc->username.empty()) consumer.username = kc->username;
    if (!kc->custom_id.empty()) consumer.custom_id = kc->custom_id;
    consumer.tags = TagsFor(*kc);
    bool broken = false;
    for (size_t i = 0; i < kc->credentials.size(); ++i) {
      const std::string& name = kc->credentials[i];
      const std::string field = "credentials[" + std::to_string(i) + "]";
      const auto* secret = ctx.store.secrets().Get(kc->meta.namespace_, name);
      if (!secret) {
        ctx.Report(object, field, "credential Secret " + kc->meta.namespace_ + "/" + name + " not found");
        broken = true;
        continue;
      }
      const auto type = secret->meta.labels.Get("konghq.com/credential");
      const auto entity = CredentialEntities().find(type);
      if (entity == CredentialEntities().end()) {
        ctx.Report(ObjectRef(*secret), "metadata.labels[konghq.com/credential]",
                   type.empty() ? "a credential Secret needs the label konghq.com/credential"
                                : "unsupported credential type \"" + std::string(type) + "\"");
        broken = true;
        continue;
      }
      consumer.credentials[entity->second].push_back(kong::Credential{CredentialFields(*secret), TagsFor(*secret)});
    }
    if (broken) continue;
    out.push_back(std::move(consumer));
  }
  return out;
}

}  // namespace kic::translate
