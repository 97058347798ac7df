#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kube/store.h"

namespace kic::kube::client {

// What changed in the store since the sync loop last took the changes: enough to tell an
// EndpointSlice-only change (Pods scaling, becoming ready, going away), which only moves
// upstream targets, from anything else.
struct StoreChanges {
  bool only_endpoint_slices = true;
  // "ns/service" of the Services whose EndpointSlices changed (both labels when a slice moved);
  // kept only while only_endpoint_slices holds.
  std::set<std::string> slice_services;
  uint64_t generation = 0;  // the store's generation when the changes were taken
};

// The Store shared between the reflectors (writers, one thread each) and the sync loop (reader).
//
// Why a mutex-guarded wrapper rather than an event queue: the reflector must replace a kind's
// content atomically after a LIST (so a reader never sees half a relist), and the sync loop
// wants a consistent snapshot plus "did anything change"; both are one lock around the existing
// Store. A queue would need the same replace semantics and an owner thread to drain it.
// Writes are short (pointer swaps into the tables); the reader copies what it needs under
// Read() — Table values are shared_ptr<const T>, so a snapshot copies pointers only.
class SyncedStore {
 public:
  // Adds or replaces one object (watch ADDED/MODIFIED).
  void Apply(Object object);
  // Removes one object (watch DELETED). Returns false when it was not there.
  bool Remove(std::string_view kind, std::string_view ns, std::string_view name);
  // Makes `objects` the whole content of `kind` within `ns` ("" = every namespace) after a LIST:
  // objects not in the list are deleted, unchanged ones (same resourceVersion) are not touched.
  // `keep` lists "ns/name" keys whose new state failed to decode: their old state is kept.
  void Replace(std::string_view kind, std::string_view ns, std::vector<Object> objects,
               const std::set<std::string>& keep = {});

  // Set by a reflector once its first LIST was applied; the sync loop waits for this.
  void MarkSynced(std::string_view kind, std::string_view ns);
  bool HasSynced(std::string_view kind, std::string_view ns) const;

  // Bumped by every change to the objects and by every MarkSynced.
  uint64_t generation() const;
  // Blocks until generation() differs from `seen`, `timeout` passes, or `stop` is requested;
  // returns the generation then. The sync loop debounces on this.
  uint64_t WaitForChange(uint64_t seen, std::chrono::milliseconds timeout, std::stop_token stop = {});

  // Runs `read` with the store locked; keep it short (copy out what you need).
  template <class F>
  auto Read(F&& read) const {
    std::lock_guard lock(mu_);
    return read(store_);
  }
  // Runs `read(store, changes)` with the store locked, with the changes since the last call,
  // which start anew: the one consumer (the sync loop) sees each change once, together with the
  // store it led to.
  template <class F>
  auto ReadChanges(F&& read) {
    std::lock_guard lock(mu_);
    StoreChanges changes = std::exchange(changes_, StoreChanges{});
    changes.generation = Generation();
    return read(store_, changes);
  }

 private:
  void Changed();  // with mu_ held
  // Journal entries, with mu_ held.
  void NoteUpsert(const Object& object);
  void NoteRemove(std::string_view kind, std::string_view ns, std::string_view name);
  void NoteSliceService(const EndpointSlice& slice);
  uint64_t Generation() const;  // with mu_ held

  mutable std::mutex mu_;
  std::condition_variable_any changed_;
  Store store_;
  std::set<std::string, std::less<>> synced_;  // "kind/ns"
  uint64_t sync_marks_ = 0;
  StoreChanges changes_;
};

// "ns/name" keys of every stored object of `kind` in `ns` ("" = all namespaces).
std::vector<std::string> KeysOfKind(const Store& store, std::string_view kind, std::string_view ns);
// The resourceVersion of a stored object, or nullptr when it is not there.
const std::string* StoredResourceVersion(const Store& store, std::string_view kind, std::string_view ns,
                                         std::string_view name);

}  // namespace kic::kube::client
