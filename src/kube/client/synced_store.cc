#include "kube/client/synced_store.h"

namespace kic::kube::client {
namespace {

// Calls `f(table)` with the store's table for `kind`; returns false for an unknown kind.
template <class F, class... Ts>
bool WithTableOf(const Store& store, std::string_view kind, F& f, std::variant<Ts...>*) {
  bool found = false;
  ((!found && kind == Ts::kKind ? (f(store.Of<Ts>()), found = true) : false), ...);
  return found;
}

template <class F>
bool WithTable(const Store& store, std::string_view kind, F&& f) {
  // Every kind of kube::Object has a table; find the one named `kind`.
  return WithTableOf(store, kind, f, static_cast<Object*>(nullptr));
}

std::string SyncKey(std::string_view kind, std::string_view ns) {
  std::string key(kind);
  key += "/";
  key += ns;
  return key;
}

}  // namespace

std::vector<std::string> KeysOfKind(const Store& store, std::string_view kind, std::string_view ns) {
  std::vector<std::string> keys;
  WithTable(store, kind, [&](const auto& table) {
    for (const auto& object : table.items())
      if (ns.empty() || object->meta.namespace_ == ns) keys.push_back(object->meta.Key());
  });
  return keys;
}

const std::string* StoredResourceVersion(const Store& store, std::string_view kind, std::string_view ns,
                                         std::string_view name) {
  const std::string* rv = nullptr;
  WithTable(store, kind, [&](const auto& table) {
    if (const auto* object = table.Get(ns, name)) rv = &object->meta.resource_version;
  });
  return rv;
}

void SyncedStore::Changed() {
  changed_.notify_all();
}

void SyncedStore::NoteSliceService(const EndpointSlice& slice) {
  changes_.slice_services.insert(slice.meta.namespace_ + "/" + std::string(slice.ServiceName()));
}

void SyncedStore::NoteUpsert(const Object& object) {
  if (!changes_.only_endpoint_slices) return;
  const auto* slice = std::get_if<EndpointSlice>(&object);
  if (!slice) {
    changes_.only_endpoint_slices = false;
    changes_.slice_services.clear();
    return;
  }
  if (const auto* old = store_.endpoint_slices().Get(slice->meta.namespace_, slice->meta.name))
    NoteSliceService(*old);
  NoteSliceService(*slice);
}

void SyncedStore::NoteRemove(std::string_view kind, std::string_view ns, std::string_view name) {
  if (!changes_.only_endpoint_slices) return;
  if (kind != EndpointSlice::kKind) {
    changes_.only_endpoint_slices = false;
    changes_.slice_services.clear();
    return;
  }
  if (const auto* old = store_.endpoint_slices().Get(ns, name)) NoteSliceService(*old);
}

void SyncedStore::Apply(Object object) {
  std::lock_guard lock(mu_);
  NoteUpsert(object);
  store_.Upsert(std::move(object));
  Changed();
}

bool SyncedStore::Remove(std::string_view kind, std::string_view ns, std::string_view name) {
  std::lock_guard lock(mu_);
  // A slice's Service is known only before it goes; other kinds count only when they were there.
  if (kind == EndpointSlice::kKind) NoteRemove(kind, ns, name);
  const bool removed = store_.Remove(kind, ns, name);
  if (removed && kind != EndpointSlice::kKind) NoteRemove(kind, ns, name);
  if (removed) Changed();
  return removed;
}

void SyncedStore::Replace(std::string_view kind, std::string_view ns, std::vector<Object> objects,
                          const std::set<std::string>& keep) {
  std::lock_guard lock(mu_);
  const uint64_t before = store_.generation();
  std::set<std::string> listed = keep;
  for (auto& object : objects) {
    const ObjectMeta& meta = MetaOf(object);
    listed.insert(meta.Key());
    const std::string* stored = StoredResourceVersion(store_, kind, meta.namespace_, meta.name);
    if (stored && !stored->empty() && *stored == meta.resource_version) continue;  // unchanged
    NoteUpsert(object);
    store_.Upsert(std::move(object));
  }
  for (const auto& key : KeysOfKind(store_, kind, ns)) {
    if (listed.count(key)) continue;
    const size_t slash = key.find('/');
    const std::string_view ns_of = slash == std::string::npos ? "" : std::string_view(key).substr(0, slash);
    const std::string_view name_of =
        slash == std::string::npos ? std::string_view(key) : std::string_view(key).substr(slash + 1);
    NoteRemove(kind, ns_of, name_of);
    store_.Remove(kind, ns_of, name_of);
  }
  if (store_.generation() != before) Changed();
}

void SyncedStore::MarkSynced(std::string_view kind, std::string_view ns) {
  std::lock_guard lock(mu_);
  if (synced_.insert(SyncKey(kind, ns)).second) {
    ++sync_marks_;
    Changed();
  }
}

bool SyncedStore::HasSynced(std::string_view kind, std::string_view ns) const {
  std::lock_guard lock(mu_);
  return synced_.count(SyncKey(kind, ns)) > 0;
}

uint64_t SyncedStore::Generation() const {
  return store_.generation() + sync_marks_;
}

uint64_t SyncedStore::generation() const {
  std::lock_guard lock(mu_);
  return Generation();
}

uint64_t SyncedStore::WaitForChange(uint64_t seen, std::chrono::milliseconds timeout, std::stop_token stop) {
  std::unique_lock lock(mu_);
  changed_.wait_for(lock, stop, timeout, [&] { return Generation() != seen; });
  return Generation();
}

}  // namespace kic::kube::client
