#include "translate/plugins.h"

#include <algorithm>
#include <set>

#include "common/strings.h"
#include "kube/decode_value.h"
#include "translate/annotations.h"
#include "translate/ingress_class.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

constexpr std::string_view kPluginsAnnotation = "konghq.com/plugins";

// A failure building one plugin's config; reported on the plugin and its referrers.
class PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool ReferenceGranted(const kube::Store& store, std::string_view from_group, std::string_view from_kind,
                      std::string_view from_ns, std::string_view to_ns, std::string_view plugin_name) {
  for (const auto& grant : store.Of<kube::ReferenceGrant>().items()) {
    if (grant->meta.namespace_ != to_ns) continue;
    const bool from_ok = std::any_of(grant->from.begin(), grant->from.end(), [&](const auto& f) {
      return f.group == from_group && f.kind == from_kind && f.namespace_ == from_ns;
    });
    if (!from_ok) continue;
    const bool to_ok = std::any_of(grant->to.begin(), grant->to.end(), [&](const auto& t) {
      return t.group == "configuration.konghq.com" && t.kind == "KongPlugin" &&
             (!t.name || *t.name == plugin_name);
    });
    if (to_ok) return true;
  }
  return false;
}

nlohmann::json ParseJsonOrYaml(const std::string& text, const std::string& what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
  }
  const auto docs = yaml::ParseDocuments(text);
  if (docs.size() == 1 && docs[0].error.empty()) return kube::YamlValue(&docs[0].root).ToJson();
  throw PluginError(what + " contains neither valid JSON nor valid YAML");
}

const kube::Secret& FindSecret(const kube::Store& store, const std::string& ns, const kube::SecretKeyRef& ref,
                               const std::string** value) {
  const auto* secret = store.secrets().Get(ns, ref.name);
  if (!secret) throw PluginError("Secret " + ns + "/" + ref.name + " not found");
  *value = secret->data.Find(ref.key);
  if (!*value) throw PluginError("no key '" + ref.key + "' in Secret " + ns + "/" + ref.name);
  return *secret;
}

// config, or the JSON/YAML in a Secret (configFrom), with configPatches applied.
nlohmann::json PluginConfig(const kube::Store& store, const kube::PluginSpec& spec, const std::string& ns,
                            bool cluster_scoped) {
  nlohmann::json config = spec.config.value_or(nlohmann::json::object());
  if (!config.is_object()) throw PluginError("config must be an object");
  for (const auto& patch : spec.config_patches) {
    const std::string secret_ns = cluster_scoped ? patch.value_from.namespace_ : ns;
    const std::string* value = nullptr;
    FindSecret(store, secret_ns, patch.value_from, &value);
    nlohmann::json patch_value;
    try {
      patch_value = nlohmann::json::parse(*value);
    } catch (const nlohmann::json::exception&) {
      throw PluginError("configPatches " + patch.path + ": the value in Secret " + secret_ns + "/" +
                        patch.value_from.name + " is not JSON");
    }
    try {
      if (patch.path.empty()) {
        config = std::move(patch_value);
      } else {
        const nlohmann::json::json_pointer ptr(patch.path);
        config[ptr] = std::move(patch_value);  // creates missing parents, as KIC's EnsurePathExistsOnAdd
      }
    } catch (const nlohmann::json::exception& e) {
      throw PluginError("configPatches " + patch.path + ": " + e.what());
    }
  }
  if (spec.config_from) {
    if (!config.empty()) throw PluginError("has both config and configFrom set");
    const std::string secret_ns = cluster_scoped ? spec.config_from->namespace_ : ns;
    const std::string* value = nullptr;
    FindSecret(store, secret_ns, *spec.config_from, &value);
    config = ParseJsonOrYaml(
        *value, "key '" + spec.config_from->key + "' in Secret " + secret_ns + "/" + spec.config_from->name);
  }
  return config;
}

template <class T>
kong::Plugin PluginFrom(const kube::Store& store, const T& object, bool cluster_scoped) {
  const auto& spec = object.spec;
  kong::Plugin p;
  p.name = spec.plugin;
  p.config = PluginConfig(store, spec, object.meta.namespace_, cluster_scoped);
  if (spec.disabled) p.enabled = false;
  if (!spec.protocols.empty()) p.protocols = spec.protocols;
  if (!spec.run_on.empty()) p.run_on = spec.run_on;
  p.ordering = spec.ordering;
  if (!spec.instance_name.empty()) p.instance_name = spec.instance_name;
  p.tags = TagsFor(object);
  return p;
}

struct Relation {
  std::string service, route, consumer, consumer_group;
};

std::vector<Relation> Combinations(const PluginRelations& r) {
  std::vector<Relation> out;
  auto with_entities = [&](const std::vector<std::string>& owners, auto set_owner) {
    if (r.services.empty() && r.routes.empty()) {
      for (const auto& o : owners) set_owner(out.emplace_back(), o);
      return;
    }
    for (const auto& svc : r.services)
      for (const auto& o : owners) {
        Relation& rel = out.emplace_back();
        rel.service = svc;
        set_owner(rel, o);
      }
    for (const auto& route : r.routes)
      for (const auto& o : owners) {
        Relation& rel = out.emplace_back();
        rel.route = route;
        set_owner(rel, o);
      }
  };
  if (!r.consumers.empty()) {
    with_entities(r.consumers, [](Relation& rel, const std::string& c) { rel.consumer = c; });
  } else if (!r.consumer_groups.empty()) {
    with_entities(r.consumer_groups, [](Relation& rel, const std::string& g) { rel.consumer_group = g; });
  } else {
    for (const auto& svc : r.services) out.emplace_back().service = svc;
    for (const auto& route : r.routes) out.emplace_back().route = route;
  }
  return out;
}

// instance_name must be unique: KIC suffixes it with a hash of the most specific attachment.
std::string UniqueInstanceName(const std::string& base, const Relation& rel, std::set<std::string>& used) {
  std::string seed;
  if (!rel.service.empty()) seed = "service-" + rel.service;
  if (!rel.route.empty()) seed = "route-" + rel.route;
  if (!rel.consumer.empty()) seed = "consumer-" + rel.consumer;
  if (!rel.consumer_group.empty()) seed = "group-" + rel.consumer_group;
  const std::string hash = Sha256Hex(seed);
  std::string name = base + "-" + hash.substr(0, 9);
  if (used.count(name)) name = base + "-" + hash;
  used.insert(name);
  return name;
}

std::vector<kong::Plugin> GlobalPlugins(Context& ctx) {
  std::map<std::string, kong::Plugin> by_name;
  std::set<std::string> duplicates;
  std::vector<const kube::KongClusterPlugin*> globals;
  for (const auto& kcp : ctx.store.Of<kube::KongClusterPlugin>().items())
    if (kcp->meta.labels.Get("global") == "true" &&
        ObjectMatchesClass(kcp->meta, ctx.options.ingress_class, ctx.store))
      globals.push_back(kcp.get());
  std::sort(globals.begin(), globals.end(), [](auto* a, auto* b) { return a->meta.name < b->meta.name; });
  for (const auto* kcp : globals) {
    if (by_name.count(kcp->spec.plugin)) {
      duplicates.insert(kcp->spec.plugin);
      ctx.Report(
          ObjectRef(*kcp), "metadata.labels[global]",
          "more than one global KongClusterPlugin for plugin '" + kcp->spec.plugin + "': none is applied");
      continue;
    }
    try {
      by_name.emplace(kcp->spec.plugin, PluginFrom(ctx.store, *kcp, /*cluster_scoped=*/true));
    } catch (const PluginError& e) {
      ctx.Report(ObjectRef(*kcp), "", e.what());
    }
  }
  std::vector<kong::Plugin> out;
  for (auto& [name, plugin] : by_name)
    if (!duplicates.count(name)) out.push_back(std::move(plugin));
  return out;
}

}  // namespace

std::vector<std::string> SplitPluginAnnotation(std::string_view value) {
  std::vector<std::string> out;
  for (const auto& piece : Split(value, ",")) {
    std::string name(TrimSpace(piece));
    if (!name.empty()) out.push_back(std::move(name));
  }
  return out;
}

void PluginAttachments::AddFromAnnotation(const kube::ObjectMeta& meta, std::string_view referrer_group,
                                          std::string_view referrer_kind, const std::string& referrer_ref,
                                          const std::string& identifier, Target target,
                                          const std::vector<std::string>& extra_refs) {
  std::vector<std::string> refs;
  if (const auto* v = meta.annotations.Find(kPluginsAnnotation)) refs = SplitPluginAnnotation(*v);
  refs.insert(refs.end(), extra_refs.begin(), extra_refs.end());
  for (const auto& ref : refs) {
    std::string ns = meta.namespace_;
    std::string name = ref;
    if (const auto colon = ref.find(':'); colon != std::string::npos) {
      ns = ref.substr(0, colon);
      name = ref.substr(colon + 1);
      if (ns != meta.namespace_ &&
          !ReferenceGranted(ctx_.store, referrer_group, referrer_kind, meta.namespace_, ns, name)) {
        ctx_.Report(referrer_ref, AnnotationField(kPluginsAnnotation),
                    "no ReferenceGrant in namespace " + ns + " allows " + std::string(referrer_kind) +
                        " in namespace " + meta.namespace_ + " to use KongPlugin " + name);
        continue;
      }
    }
    auto& rel = relations_[ns + ":" + name];
    switch (target) {
      case Target::kService:
        rel.services.push_back(identifier);
        break;
      case Target::kRoute:
        rel.routes.push_back(identifier);
        break;
      case Target::kConsumer:
        rel.consumers.push_back(identifier);
        break;
      case Target::kConsumerGroup:
        rel.consumer_groups.push_back(identifier);
        break;
    }
    if (std::find(rel.referrers.begin(), rel.referrers.end(), referrer_ref) == rel.referrers.end())
      rel.referrers.push_back(referrer_ref);
  }
}

std::vector<kong::Plugin> BuildPlugins(Context& ctx, const PluginAttachments& attachments) {
  std::vector<kong::Plugin> out;
  for (const auto& [key, relations] : attachments.relations()) {
    const auto colon = key.find(':');
    const std::string ns = key.substr(0, colon);
    const std::string name = key.substr(colon + 1);
    kong::Plugin plugin;
    std::string plugin_ref;
    try {
      if (const auto* kp = ctx.store.Of<kube::KongPlugin>().Get(ns, name)) {
        plugin_ref = ObjectRef(*kp);
        plugin = PluginFrom(ctx.store, *kp, /*cluster_scoped=*/false);
      } else if (const auto* kcp = ctx.store.Of<kube::KongClusterPlugin>().Get("", name)) {
        plugin_ref = ObjectRef(*kcp);
        plugin = PluginFrom(ctx.store, *kcp, /*cluster_scoped=*/true);
      } else {
        for (const auto& referrer : relations.referrers)
          ctx.Report(referrer, AnnotationField(kPluginsAnnotation),
                     "no KongPlugin or KongClusterPlugin was found for " + ns + "/" + name);
        continue;
      }
    } catch (const PluginError& e) {
      ctx.Report(plugin_ref, "", e.what());
      for (const auto& referrer : relations.referrers)
        ctx.Report(referrer, AnnotationField(kPluginsAnnotation),
                   "plugin " + plugin_ref + " is invalid: " + e.what());
      continue;
    }
    std::set<std::string> used_instance_names;
    for (const auto& rel : Combinations(relations)) {
      kong::Plugin p = plugin;
      if (!rel.service.empty()) p.service = rel.service;
      if (!rel.route.empty()) p.route = rel.route;
      if (!rel.consumer.empty()) p.consumer = rel.consumer;
      if (!rel.consumer_group.empty()) p.consumer_group = rel.consumer_group;
      if (p.instance_name) p.instance_name = UniqueInstanceName(*p.instance_name, rel, used_instance_names);
      out.push_back(std::move(p));
    }
  }
  for (auto& p : GlobalPlugins(ctx)) out.push_back(std::move(p));
  return out;
}

}  // namespace kic::translate
