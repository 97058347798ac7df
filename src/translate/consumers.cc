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
      {"key-auth", "keyauth_credentials"},
      {"basic-auth", "basicauth_credentials"},
      {"hmac-auth", "hmacauth_credentials"},
      {"jwt", "jwt_secrets"},
      {"acl", "acls"},
      {"oauth2", "oauth2_credentials"},
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

// The field of each credential type that must be unique across consumers.
const char* UniqueField(std::string_view entity) {
  if (entity == "keyauth_credentials" || entity == "jwt_secrets") return "key";
  if (entity == "basicauth_credentials" || entity == "hmacauth_credentials") return "username";
  if (entity == "oauth2_credentials") return "client_id";
  return nullptr;
}

}  // namespace

ConsumersResult BuildConsumers(Context& ctx) {
  ConsumersResult out;

  std::vector<const kube::KongConsumerGroup*> groups;
  for (const auto& g : ctx.store.Of<kube::KongConsumerGroup>().items())
    if (ObjectMatchesClass(g->meta, ctx.options.ingress_class, ctx.store)) groups.push_back(g.get());
  std::sort(groups.begin(), groups.end(), [](auto* a, auto* b) { return a->meta.Key() < b->meta.Key(); });
  for (const auto* g : groups) {
    kong::ConsumerGroup group;
    group.name = g->meta.name;
    group.tags = TagsFor(*g);
    out.groups.push_back(std::move(group));
    out.group_sources.push_back(g);
  }

  std::vector<const kube::KongConsumer*> selected;
  for (const auto& c : ctx.store.kong_consumers().items())
    if (ObjectMatchesClass(c->meta, ctx.options.ingress_class, ctx.store)) selected.push_back(c.get());
  // Oldest first, so that on a credential clash the consumer that was there first keeps it.
  std::sort(selected.begin(), selected.end(), [](const auto* a, const auto* b) {
    if (a->meta.creation_timestamp != b->meta.creation_timestamp)
      return a->meta.creation_timestamp < b->meta.creation_timestamp;
    return a->meta.Key() < b->meta.Key();
  });

  std::map<std::string, std::string> claimed;  // "entity:value" -> ObjectRef of the consumer holding it
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
    std::vector<std::string> claims;
    for (size_t i = 0; i < kc->credentials.size(); ++i) {
      const std::string& name = kc->credentials[i];
      const std::string field = "credentials[" + std::to_string(i) + "]";
      const auto* secret = ctx.store.secrets().Get(kc->meta.namespace_, name);
      if (!secret) {
        ctx.Report(object, field, "credential Secret " + kc->meta.namespace_ + "/" + name + " not found");
        broken = true;
        continue;
      }
      auto type = std::string(secret->meta.labels.Get("konghq.com/credential"));
      if (type.empty()) type = std::string(secret->data.Get("kongCredType"));  // the legacy way of naming it
      const auto entity = CredentialEntities().find(type);
      if (entity == CredentialEntities().end()) {
        ctx.Report(ObjectRef(*secret), "metadata.labels[konghq.com/credential]",
                   type.empty() ? "a credential Secret needs the label konghq.com/credential"
                                : "unsupported credential type \"" + type + "\"");
        broken = true;
        continue;
      }
      nlohmann::json fields = CredentialFields(*secret);
      if (fields.empty()) {
        ctx.Report(ObjectRef(*secret), "data", "the credential Secret is empty");
        broken = true;
        continue;
      }
      if (const char* unique = UniqueField(entity->second); unique && fields.contains(unique)) {
        const std::string claim = entity->second + ":" + fields[unique].dump();
        if (auto it = claimed.find(claim); it != claimed.end()) {
          ctx.Report(object, field,
                     type + " credential " + std::string(unique) + " is already used by " + it->second);
          broken = true;
          continue;
        }
        claims.push_back(claim);
      }
      consumer.credentials[entity->second].push_back(kong::Credential{std::move(fields), TagsFor(*secret)});
    }
    if (broken) continue;
    for (const auto& c : claims) claimed.emplace(c, object);
    const std::string member_name = consumer.username ? *consumer.username : *consumer.custom_id;
    for (size_t i = 0; i < kc->consumer_groups.size(); ++i) {
      const std::string& group = kc->consumer_groups[i];
      const bool exists = std::any_of(groups.begin(), groups.end(), [&](auto* g) {
        return g->meta.name == group && g->meta.namespace_ == kc->meta.namespace_;
      });
      if (!exists) {
        ctx.Report(object, "consumerGroups[" + std::to_string(i) + "]",
                   "KongConsumerGroup " + kc->meta.namespace_ + "/" + group + " not found");
        continue;
      }
      out.members.push_back(kong::ConsumerGroupConsumer{member_name, group});
    }
    out.consumers.push_back(std::move(consumer));
    out.consumer_sources.push_back(kc);
  }
  return out;
}

}  // namespace kic::translate
