#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

#include "kube/decode.h"

namespace kic::kube {

// All objects of one kind, by "namespace/name". Values are shared and immutable, so copying a
// table (a snapshot for the translator) copies pointers, never objects.
template <class T>
class Table {
 public:
  using Map = std::unordered_map<std::string, std::shared_ptr<const T>>;

  const T* Get(std::string_view ns, std::string_view name) const {
    key_buf_.assign(ns);
    if (!ns.empty()) key_buf_.push_back('/');
    key_buf_.append(name);
    auto it = items_.find(key_buf_);
    return it == items_.end() ? nullptr : it->second.get();
  }
  const Map& items() const { return items_; }
  size_t size() const { return items_.size(); }

 private:
  friend class Store;
  Map items_;
  mutable std::string key_buf_;  // lookup scratch; a Table is used from one thread at a time
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
  std::vector<const EndpointSlice*> EndpointSlicesOf(std::string_view ns, std::string_view service) const;

  // Bumped by every change; lets a sync loop tell whether anything happened since it last looked.
  uint64_t generation() const { return generation_; }
  size_t size() const;

 private:
  template <class T>
  Table<T>& Mutable() {
    return std::get<Table<T>>(tables_);
  }
  void IndexSlice(const EndpointSlice& slice, bool add);

  TablesOf<Object>::type tables_;
  // "ns/service" -> slice names.
  std::unordered_map<std::string, std::vector<std::string>> slices_by_service_;
  uint64_t generation_ = 0;
};

}  // namespace kic::kube
