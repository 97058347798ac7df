#include "translate/vaults.h"

#include <algorithm>
#include <map>

#include "translate/ingress_class.h"
#include "translate/tags.h"

namespace kic::translate {

std::vector<kong::Vault> BuildVaults(Context& ctx) {
  std::vector<const kube::KongVault*> vaults;
  for (const auto& v : ctx.store.Of<kube::KongVault>().items())
    if (ObjectMatchesClass(v->meta, ctx.options.ingress_class, ctx.store)) vaults.push_back(v.get());
  std::sort(vaults.begin(), vaults.end(), [](const auto* a, const auto* b) {
    if (a->meta.creation_timestamp != b->meta.creation_timestamp)
      return a->meta.creation_timestamp < b->meta.creation_timestamp;
    return a->meta.name < b->meta.name;
  });
  std::map<std::string, std::string> owner;  // prefix -> vault holding it
  std::vector<kong::Vault> out;
  for (const auto* v : vaults) {
    const std::string object = ObjectRef(*v);
    if (v->backend.empty()) {
      ctx.Report(object, "spec.backend", "required: the Kong vault backend, e.g. env");
      continue;
    }
    if (v->prefix.empty()) {
      ctx.Report(object, "spec.prefix", "required");
      continue;
    }
    if (auto it = owner.find(v->prefix); it != owner.end()) {
      ctx.Report(object, "spec.prefix", "prefix \"" + v->prefix + "\" is already used by " + it->second);
      continue;
    }
    owner.emplace(v->prefix, object);
    kong::Vault vault;
    vault.name = v->backend;
    vault.prefix = v->prefix;
    if (!v->description.empty()) vault.description = v->description;
    vault.config = v->config;
    vault.tags = TagsFor(*v);
    for (const auto& t : v->tags)
      if (std::find(vault.tags.begin(), vault.tags.end(), t) == vault.tags.end()) vault.tags.push_back(t);
    out.push_back(std::move(vault));
  }
  return out;
}

}  // namespace kic::translate
