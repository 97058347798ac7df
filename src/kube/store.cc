#include "kube/store.h"

#include <algorithm>

namespace kic::kube {

void Store::IndexSlice(const EndpointSlice* slice, bool add) {
  const ObjectName service{slice->meta.namespace_, slice->ServiceName()};
  auto group = slices_by_service_.find(service);
  if (group == slices_by_service_.end()) {
    if (add) slices_by_service_.insert(SliceGroup{{slice}});
    return;
  }
  auto& slices = group->slices;
  auto it =
      std::lower_bound(slices.begin(), slices.end(), slice->meta.name,
                       [](const EndpointSlice* s, const std::string& name) { return s->meta.name < name; });
  const bool present = it != slices.end() && (*it)->meta.name == slice->meta.name;
  if (add) {
    if (present)
      *it = slice;
    else
      slices.insert(it, slice);
  } else if (present && *it == slice) {
    // Erasing a group hashes it, so the last slice must still be there.
    if (slices.size() == 1)
      slices_by_service_.erase(group);
    else
      slices.erase(it);
  }
}

void Store::Upsert(Object object) {
  ++generation_;
  std::visit(
      [this](auto&& o) {
        using T = std::decay_t<decltype(o)>;
        auto& items = Mutable<T>().items_;
        auto stored = std::make_shared<const T>(std::move(o));
        auto it = items.find(stored);
        if (it == items.end()) {
          if constexpr (std::is_same_v<T, EndpointSlice>) IndexSlice(stored.get(), true);
          items.insert(std::move(stored));
          return;
        }
        if constexpr (std::is_same_v<T, EndpointSlice>) {
          IndexSlice(it->get(), false);
          IndexSlice(stored.get(), true);
        }
        // Reuses the node: the new object has the same name, so the same place.
        auto node = items.extract(it);
        node.value() = std::move(stored);
        items.insert(std::move(node));
      },
      std::move(object));
}

bool Store::Remove(std::string_view kind, std::string_view ns, std::string_view name) {
  bool removed = false;
  std::apply(
      [&](auto&... tables) {
        auto erase = [&](auto& table) {
          using T =
              std::remove_const_t<typename std::decay_t<decltype(table)>::Items::value_type::element_type>;
          if (removed || kind != T::kKind) return;
          auto it = table.items_.find(ObjectName{ns, name});
          if (it == table.items_.end()) return;
          if constexpr (std::is_same_v<T, EndpointSlice>) IndexSlice(it->get(), false);
          table.items_.erase(it);
          removed = true;
        };
        (erase(tables), ...);
      },
      tables_);
  if (removed) ++generation_;
  return removed;
}

std::span<const EndpointSlice* const> Store::EndpointSlicesOf(std::string_view ns,
                                                              std::string_view service) const {
  auto group = slices_by_service_.find(ObjectName{ns, service});
  if (group == slices_by_service_.end()) return {};
  return group->slices;
}

size_t Store::size() const {
  return std::apply([](const auto&... tables) { return (tables.size() + ... + size_t{0}); }, tables_);
}

}  // namespace kic::kube
