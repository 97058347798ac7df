#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <variant>
#include <vector>

#include "kube/decode.h"

namespace kic::kube {

// Names an object within its kind without owning the strings: the lookup key of a Table.
struct ObjectName {
  std::string_view ns;
  std::string_view name;
};

// Hash and equality over (namespace, name), for stored elements and ObjectName alike, so that a
// set of elements needs no key strings of its own: the element is its key.
template <class Element, ObjectName (*kNameOf)(const Element&)>
struct ByObjectName {
  using is_transparent = void;
  static ObjectName NameOf(ObjectName n) { return n; }
  static ObjectName NameOf(const Element& e) { return kNameOf(e); }
  template <class A>
  size_t operator()(const A& a) const noexcept {
    const ObjectName n = NameOf(a);
    const size_t h = std::hash<std::string_view>{}(n.ns);
    return h ^ (std::hash<std::string_view>{}(n.name) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
  template <class A, class B>
  bool operator()(const A& a, const B& b) const noexcept {
    const ObjectName x = NameOf(a), y = NameOf(b);
    return x.name == y.name && x.ns == y.ns;
  }
};

template <class T>
ObjectName NameOfObject(const std::shared_ptr<const T>& o) {
  return {o->meta.namespace_, o->meta.name};
}

// All objects of one kind, by namespace and name. Values are shared and immutable, so copying a
// table (a snapshot for the translator) copies pointers, never objects.
template <class T>
class Table {
 public:
  // In no particular order; callers that need one sort.
  using Items =
      std::unordered_set<std::shared_ptr<const T>, ByObjectName<std::shared_ptr<const T>, NameOfObject<T>>,
                         ByObjectName<std::shared_ptr<const T>, NameOfObject<T>>>;

  const T* Get(std::string_view ns, std::string_view name) const {
    auto it = items_.find(ObjectName{ns, name});
    return it == items_.end() ? nullptr : it->get();
  }
  const Items& items() const { return items_; }
  size_t size() const { return items_.size(); }

 private:
  friend class Store;
  Items items_;
};

// One Table per kind of the Object variant.
template <class Variant>
struct TablesOf;
template <class... Ts>
struct TablesOf<std::variant<Ts...>> {
  using type = std::tuple<Table<Ts>...>;
};

// The controller's copy of cluster state: every kept object, with the indexes translation needs.
// Fed by manifest files (kic translate) or by watches (kic run); read by the translator.
// Adding a kind to kube::Object adds its table here.
class Store {
 public:
  // Adds or replaces the object with the same kind, namespace and name.
  void Upsert(Object object);
  // Removes an object; returns false when it was not there.
  bool Remove(std::string_view kind, std::string_view ns, std::string_view name);

  template <class T>
  const Table<T>& Of() const {
    return std::get<Table<T>>(tables_);
  }
  const Table<Ingress>& ingresses() const { return Of<Ingress>(); }
  const Table<IngressClass>& ingress_classes() const { return Of<IngressClass>(); }
  const Table<Service>& services() const { return Of<Service>(); }
  const Table<EndpointSlice>& endpoint_slices() const { return Of<EndpointSlice>(); }
  const Table<Secret>& secrets() const { return Of<Secret>(); }
  const Table<ConfigMap>& config_maps() const { return Of<ConfigMap>(); }
  const Table<KongConsumer>& kong_consumers() const { return Of<KongConsumer>(); }

  // EndpointSlices labelled kubernetes.io/service-name=<service> in `ns`, in name order.
  // A view into the store's index: valid until the store changes.
  std::span<const EndpointSlice* const> EndpointSlicesOf(std::string_view ns, std::string_view service) const;

  // Bumped by every change; lets a sync loop tell whether anything happened since it last looked.
  uint64_t generation() const { return generation_; }
  size_t size() const;

 private:
  template <class T>
  Table<T>& Mutable() {
    return std::get<Table<T>>(tables_);
  }
  void IndexSlice(const EndpointSlice* slice, bool add);

  TablesOf<Object>::type tables_;
  // The slices of one Service, sorted by name; never empty while indexed. The slices are the
  // tables' own, so the index holds no strings, and a copied Store's index stays valid: its tables
  // keep the same objects alive.
  struct SliceGroup {
    // Changing the slices never changes the group's (namespace, service), its key.
    mutable std::vector<const EndpointSlice*> slices;
  };
  static ObjectName NameOfGroup(const SliceGroup& g) {
    return {g.slices.front()->meta.namespace_, g.slices.front()->ServiceName()};
  }
  using BySliceService = ByObjectName<SliceGroup, NameOfGroup>;
  std::unordered_set<SliceGroup, BySliceService, BySliceService> slices_by_service_;
  uint64_t generation_ = 0;
};

}  // namespace kic::kube
