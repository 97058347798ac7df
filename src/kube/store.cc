#include "kube/store.h"

#include <algorithm>

namespace kic::kube {
namespace {

template <class T>
std::string KeyOf(const T& o) {
  return o.meta.Key();
}

}  // namespace

void Store::IndexSlice(const EndpointSlice& slice, bool add) {
  const std::string key = slice.meta.namespace_ + "/" + std::string(slice.ServiceName());
  auto& names = slices_by_service_[key];
  auto it = std::lower_bound(names.begin(), names.end(), slice.meta.name);
  if (add) {
    if (it == names.end() || *it != slice.meta.name) names.insert(it, slice.meta.name);
  } else {
    if (it != names.end() && *it == slice.meta.name) names.erase(it);
    if (names.empty()) slices_by_service_.erase(key);
  }
}

void Store::Upsert(Object object) {
  ++generation_;
  std::visit(
      [this](auto&& o) {
        using T = std::decay_t<decltype(o)>;
        auto put = [&](Table<T>& table) {
          std::string key = KeyOf(o);
          if constexpr (std::is_same_v<T, EndpointSlice>) {
            auto it = table.items_.find(key);
            if (it != table.items_.end()) IndexSlice(*it->second, false);
            IndexSlice(o, true);
          }
          table.items_[std::move(key)] = std::make_shared<const T>(std::move(o));
        };
        if constexpr (std::is_same_v<T, Ingress>) put(ingresses_);
        if constexpr (std::is_same_v<T, IngressClass>) put(ingress_classes_);
        if constexpr (std::is_same_v<T, Service>) put(services_);
        if constexpr (std::is_same_v<T, EndpointSlice>) put(endpoint_slices_);
        if constexpr (std::is_same_v<T, Secret>) put(secrets_);
        if constexpr (std::is_same_v<T, ConfigMap>) put(config_maps_);
        if constexpr (std::is_same_v<T, KongConsumer>) put(kong_consumers_);
      },
      std::move(object));
}

bool Store::Remove(std::string_view kind, std::string_view ns, std::string_view name) {
  std::string key(ns);
  if (!ns.empty()) key.push_back('/');
  key.append(name);
  auto erase = [&](auto& table) {
    auto it = table.items_.find(key);
    if (it == table.items_.end()) return false;
    using T = typename std::decay_t<decltype(*it->second)>;
    if constexpr (std::is_same_v<T, EndpointSlice>) IndexSlice(*it->second, false);
    table.items_.erase(it);
    ++generation_;
    return true;
  };
  if (kind == Ingress::kKind) return erase(ingresses_);
  if (kind == IngressClass::kKind) return erase(ingress_classes_);
  if (kind == Service::kKind) return erase(services_);
  if (kind == EndpointSlice::kKind) return erase(endpoint_slices_);
  if (kind == Secret::kKind) return erase(secrets_);
  if (kind == ConfigMap::kKind) return erase(config_maps_);
  if (kind == KongConsumer::kKind) return erase(kong_consumers_);
  return false;
}

std::vector<const EndpointSlice*> Store::EndpointSlicesOf(std::string_view ns, std::string_view service) const {
  std::vector<const EndpointSlice*> out;
  std::string key(ns);
  key.push_back('/');
  key.append(service);
  auto it = slices_by_service_.find(key);
  if (it == slices_by_service_.end()) return out;
  for (const auto& name : it->second)
    if (const auto* s = endpoint_slices_.Get(ns, name)) out.push_back(s);
  return out;
}

size_t Store::size() const {
  return ingresses_.size() + ingress_classes_.size() + services_.size() + endpoint_slices_.size() +
         secrets_.size() + config_maps_.size() +
         kong_consumers_.size();
}

}  // namespace kic::kube
