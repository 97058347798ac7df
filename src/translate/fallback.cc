#include "translate/fallback.h"

#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <variant>

#include "translate/ingress_class.h"
#include "translate/plugins.h"

namespace kic::translate {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // kind, namespace, name

Key KeyOf(std::string_view kind, const kube::ObjectMeta& meta) {
  return {std::string(kind), meta.namespace_, meta.name};
}

// Collects what one object depends on: when any of these is broken, the object is left out too.
class Dependencies {
 public:
  explicit Dependencies(const kube::Store& store) : store_(store) {}

  void Plugins(const kube::ObjectMeta& meta, std::vector<Key>& out) const {
    const auto* value = meta.annotations.Find("konghq.com/plugins");
    if (!value) return;
    for (const auto& ref : SplitPluginAnnotation(*value)) {
      std::string ns = meta.namespace_, name = ref;
      if (const auto colon = ref.find(':'); colon != std::string::npos) {
        ns = ref.substr(0, colon);
        name = ref.substr(colon + 1);
      }
      if (store_.Of<kube::KongPlugin>().Get(ns, name))
        out.emplace_back(kube::KongPlugin::kKind, ns, name);
      else
        out.emplace_back(kube::KongClusterPlugin::kKind, "", name);
    }
  }
  void Service(const std::string& ns, const std::string& name, std::vector<Key>& out) const {
    out.emplace_back(kube::Service::kKind, ns, name);
  }
  void ServiceAnnotations(const kube::ObjectMeta& meta, std::vector<Key>& out) const {
    Plugins(meta, out);
    if (const auto* policy = meta.annotations.Find("konghq.com/upstream-policy"))
      out.emplace_back(kube::KongUpstreamPolicy::kKind, meta.namespace_, *policy);
    if (const auto* override_name = meta.annotations.Find("konghq.com/override"))
      out.emplace_back(kube::KongIngress::kKind, meta.namespace_, *override_name);
    if (const auto* cert = meta.annotations.Find("konghq.com/client-cert"))
      out.emplace_back(kube::Secret::kKind, meta.namespace_, *cert);
  }
  void Secret(const std::string& ns, const kube::SecretKeyRef& ref, std::vector<Key>& out) const {
    if (!ref.name.empty()) out.emplace_back(kube::Secret::kKind, ns, ref.name);
  }
  template <class T>
  void PluginSecrets(const T& plugin, bool cluster_scoped, std::vector<Key>& out) const {
    const auto& spec = plugin.spec;
    if (spec.config_from)
      Secret(cluster_scoped ? spec.config_from->namespace_ : plugin.meta.namespace_, *spec.config_from, out);
    for (const auto& p : spec.config_patches)
      Secret(cluster_scoped ? p.value_from.namespace_ : plugin.meta.namespace_, p.value_from, out);
  }

  template <class T>
  std::vector<Key> Of(const T& o) const {
    std::vector<Key> out;
    {
      {
        if constexpr (std::is_same_v<T, kube::Ingress>) {
          Plugins(o.meta, out);
          out.emplace_back(kube::IngressClass::kKind, "", "");  // any broken IngressClass (filled below)
          auto backend = [&](const kube::IngressBackend& b) {
            if (b.service) Service(o.meta.namespace_, b.service->name, out);
            if (b.resource && b.resource->kind == kube::KongServiceFacade::kKind)
              out.emplace_back(kube::KongServiceFacade::kKind, o.meta.namespace_, b.resource->name);
          };
          if (o.default_backend) backend(*o.default_backend);
          for (const auto& rule : o.rules)
            for (const auto& p : rule.paths) backend(p.backend);
        } else if constexpr (std::is_same_v<T, kube::Service>) {
          ServiceAnnotations(o.meta, out);
        } else if constexpr (std::is_same_v<T, kube::KongServiceFacade>) {
          ServiceAnnotations(o.meta, out);
          Service(o.meta.namespace_, o.backend_name, out);
        } else if constexpr (std::is_same_v<T, kube::KongPlugin>) {
          PluginSecrets(o, false, out);
        } else if constexpr (std::is_same_v<T, kube::KongClusterPlugin>) {
          PluginSecrets(o, true, out);
        } else if constexpr (std::is_same_v<T, kube::KongConsumer>) {
          Plugins(o.meta, out);
          for (const auto& c : o.credentials) out.emplace_back(kube::Secret::kKind, o.meta.namespace_, c);
          for (const auto& g : o.consumer_groups)
            out.emplace_back(kube::KongConsumerGroup::kKind, o.meta.namespace_, g);
        } else if constexpr (std::is_same_v<T, kube::KongConsumerGroup>) {
          Plugins(o.meta, out);
        } else if constexpr (std::is_same_v<T, kube::TCPIngress> || std::is_same_v<T, kube::UDPIngress>) {
          Plugins(o.meta, out);
          for (const auto& r : o.rules) Service(o.meta.namespace_, r.service_name, out);
        } else if constexpr (std::is_same_v<T, kube::KongCustomEntity>) {
          if (o.parent_ref) {
            const auto& ref = *o.parent_ref;
            if (ref.kind == kube::KongClusterPlugin::kKind)
              out.emplace_back(ref.kind, "", ref.name);
            else
              out.emplace_back(ref.kind, ref.namespace_.empty() ? o.meta.namespace_ : ref.namespace_,
                               ref.name);
          }
        } else if constexpr (std::is_same_v<T, kube::HTTPRoute> || std::is_same_v<T, kube::GRPCRoute> ||
                             std::is_same_v<T, kube::TCPRoute> || std::is_same_v<T, kube::UDPRoute> ||
                             std::is_same_v<T, kube::TLSRoute>) {
          Plugins(o.meta, out);
          for (const auto& rule : o.rules)
            for (const auto& b : rule.backend_refs)
              if (b.kind.value_or("Service") == "Service" && b.group.value_or("").empty())
                Service(b.namespace_.value_or(o.meta.namespace_), b.name, out);
        }
      }
    }
    return out;
  }

 private:
  const kube::Store& store_;
};

// Calls f(kube::Object-like reference, kind) for every object in the store.
template <class F>
void ForEachObject(const kube::Store& store, F&& f) {
  auto each = [&](auto* tag) {
    using T = std::remove_pointer_t<decltype(tag)>;
    for (const auto& o : store.Of<T>().items()) f(*o, T::kKind);
  };
  [&]<class... Ts>(std::variant<Ts...>*) {
    (each(static_cast<Ts*>(nullptr)), ...);
  }(static_cast<kube::Object*>(nullptr));
}

}  // namespace

kube::Store WithoutBroken(const kube::Store& store, const std::vector<BrokenObject>& broken,
                          std::vector<BrokenObject>* excluded) {
  const Dependencies deps(store);
  // Reverse edges: dependency -> the objects that depend on it.
  std::map<Key, std::vector<Key>> dependants;
  std::set<Key> broken_classes;
  for (const auto& b : broken)
    if (b.kind == kube::IngressClass::kKind) broken_classes.insert(Key{b.kind, b.namespace_, b.name});
  ForEachObject(store, [&](const auto& o, std::string_view kind) {
    const Key self = KeyOf(kind, o.meta);
    for (auto dep : deps.Of(o)) {
      if (std::get<0>(dep) == kube::IngressClass::kKind) {
        // An Ingress depends on the class it belongs to; any broken IngressClass it could be of counts.
        for (const auto& c : broken_classes) dependants[c].push_back(self);
        continue;
      }
      dependants[dep].push_back(self);
    }
  });
  std::set<Key> out;
  std::vector<Key> queue;
  for (const auto& b : broken) queue.emplace_back(b.kind, b.namespace_, b.name);
  while (!queue.empty()) {
    Key k = std::move(queue.back());
    queue.pop_back();
    if (!out.insert(k).second) continue;
    if (auto it = dependants.find(k); it != dependants.end())
      for (const auto& d : it->second) queue.push_back(d);
  }
  kube::Store result = store;
  for (const auto& [kind, ns, name] : out) {
    if (result.Remove(kind, ns, name) && excluded) excluded->push_back(BrokenObject{kind, ns, name});
  }
  return result;
}

namespace {

// A copy of the object of that kind, namespace and name, found through the store's typed tables.
template <size_t... I>
std::optional<kube::Object> FindObject(const kube::Store& store, const BrokenObject& ref,
                                       std::index_sequence<I...>) {
  std::optional<kube::Object> found;
  auto look = [&]<class T>(const T*) {
    if (found || ref.kind != T::kKind) return;
    if (const T* object = store.Of<T>().Get(ref.namespace_, ref.name)) found = *object;
  };
  (look(static_cast<const std::variant_alternative_t<I, kube::Object>*>(nullptr)), ...);
  return found;
}

}  // namespace

size_t BackfillFromLastValid(kube::Store& fallback, const kube::Store& last_valid,
                             const std::vector<BrokenObject>& excluded) {
  size_t restored = 0;
  for (const auto& ref : excluded) {
    auto object = FindObject(last_valid, ref, std::make_index_sequence<std::variant_size_v<kube::Object>>{});
    if (!object) continue;
    fallback.Upsert(std::move(*object));
    ++restored;
  }
  return restored;
}

}  // namespace kic::translate
