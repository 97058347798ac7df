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
        auto& table = Mutable<T>();
        std::string key = KeyOf(o);
        if constexpr (std::is_same_v<T, EndpointSlice>) {
          auto it = table.items_.find(key);
          if (it != table.items_.end()) IndexSlice(*it->second, false);
          IndexSlice(o, true);
        }
        table.items_[std::move(key)] = std::make_shared<const T>(std::move(o));
      },
      std::move(object));
}

bool Store::Remove(std::string_view kind, std::string_view ns, std::string_view name) {
  std::string key(ns);
  if (!ns.empty()) key.push_back('/');
  key.append(name);
  bool removed = false;
  std::apply(
      [&](auto&... tables) {
        auto erase = [&](auto& table) {
          using T = typename std::decay_t<decltype(table)>::Map::mapped_type::element_type;
          if (removed || kind != T::kKind) return;
          auto it = table.items_.find(key);
          if (it == table.items_.end()) return;
          if constexpr (std::is_same_v<T, EndpointSlice>) IndexSlice(*it->second, false);
          table.items_.erase(it);
          removed = true;
        };
        (erase(tables), ...);
      },
      tables_);
  if (removed) ++generation_;
  return removed;
}

std::vector<const EndpointSlice*> Store::EndpointSlicesOf(std::string_view ns,
                                                          std::string_view service) const {
  std::vector<const EndpointSlice*> out;
  std::string key(ns);
  key.push_back('/');
  key.append(service);
  auto it = slices_by_service_.find(key);
  if (it == slices_by_service_.end()) return out;
  for (const auto& name : it->second)
    if (const auto* s = endpoint_slices().Get(ns, name)) out.push_back(s);
  return out;
}

size_t Store::size() const {
  return std::apply([](const auto&... tables) { return (tables.size() + ... + size_t{0}); }, tables_);
}

}  // namespace kic::kube
