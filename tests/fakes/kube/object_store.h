#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api_status.h"

namespace kic::kubefake {

// Where an object lives: its resource (ResourceType::StorageKey), namespace ("" if cluster-scoped), name.
struct ObjectKey {
  std::string resource;
  std::string ns;
  std::string name;
  auto operator<=>(const ObjectKey&) const = default;
};

// One state of an object, immutable once stored. The serialization is made once per write (per
// resourceVersion) so that list pages and watch events are concatenations of stored bytes, not
// re-serializations of the tree: a LIST of 50k objects would otherwise spend its time in dump().
struct StoredObject {
  nlohmann::json object;
  // `object` serialized without apiVersion and kind, which depend on the version a client asks for
  // (all versions of a kind share one storage): `{"metadata":...,"spec":...}`.
  std::string body;

  explicit StoredObject(nlohmann::json o);
  // Appends the object as served: `type_prefix` (from TypePrefix) then the stored fields.
  void AppendJson(std::string_view type_prefix, std::string* out) const;
  const nlohmann::json& metadata() const;
};
using ObjectRef = std::shared_ptr<const StoredObject>;

// `{"apiVersion":"...","kind":"..."`: how every served object starts (keys after it stay sorted).
std::string TypePrefix(const std::string& api_version, const std::string& kind);

// One change, as kept in the bounded history that watches replay from.
struct StoredEvent {
  std::string type;  // ADDED, MODIFIED, DELETED
  int64_t resource_version = 0;
  ObjectKey key;
  ObjectRef object;    // the new state (for DELETED: the last state, with the delete's RV)
  ObjectRef previous;  // the state before (null for ADDED); lets lists rewind and watches re-filter
};

// What a read-modify-write decides after seeing the current object.
struct WriteDecision {
  enum class Action { kPut, kDelete, kNone };
  Action action = Action::kNone;
  nlohmann::json object;  // kPut: the new object (resourceVersion is set by the store)
  std::optional<ApiError> error;

  static WriteDecision Put(nlohmann::json o) { return {Action::kPut, std::move(o), std::nullopt}; }
  static WriteDecision Delete() { return {Action::kDelete, nullptr, std::nullopt}; }
  static WriteDecision Fail(ApiError e) { return {Action::kNone, nullptr, std::move(e)}; }
};

struct WriteResult {
  std::optional<ApiError> error;
  nlohmann::json object;  // the stored (or deleted) object
  bool created = false;
  bool changed = false;  // false: the write was a no-op and kept the resourceVersion
};

// The events of one resource after some resourceVersion, complete up to `up_to`.
struct EventBatch {
  std::vector<StoredEvent> events;
  int64_t up_to = 0;
};

struct ListSnapshot {
  int64_t resource_version = 0;
  std::vector<ObjectRef> items;  // ordered by namespace, then name
};

// One page of a list: the objects after `after` (namespace, name) in the state at `at_rv` (latest
// when unset), at most `limit` (0 = all) of those `matches` accepts (all when unset).
struct PageQuery {
  std::string resource;
  std::string ns;  // "" = every namespace
  std::optional<int64_t> at_rv;
  std::optional<std::pair<std::string, std::string>> after;
  int64_t offset = 0;  // how many objects of the whole list come before `after` (for the count)
  int64_t limit = 0;
  std::function<bool(const nlohmann::json&)> matches;
};

struct Page {
  int64_t resource_version = 0;
  std::vector<ObjectRef> items;
  bool more = false;  // objects accepted by `matches` follow the page
  // Without `matches`: how many objects follow the page (what remainingItemCount reports).
  std::optional<int64_t> remaining;
};

// The in-memory etcd: objects, one global resourceVersion counter, and a bounded history of changes.
// Thread-safe; every write is an atomic read-modify-write.
class ObjectStore {
 public:
  explicit ObjectStore(size_t history_limit);

  int64_t CurrentResourceVersion() const;
  int64_t CompactedResourceVersion() const;

  std::optional<nlohmann::json> Get(const ObjectKey& key) const;
  ObjectRef GetRef(const ObjectKey& key) const;

  // The objects of `resource` (in namespace `ns` unless it is empty), now or as they were at `at_rv`.
  // Fails with 410 Expired when `at_rv` is older than the history.
  std::variant<ListSnapshot, ApiError> List(const std::string& resource, const std::string& ns,
                                            std::optional<int64_t> at_rv) const;
  // One page, found by seeking to `after` (never by rescanning the pages before it): O(log n + page
  // + changes since at_rv). Fails like List.
  std::variant<Page, ApiError> ListPage(const PageQuery& query) const;

  // Calls `decide` with the current object (nullptr when absent) under the store's lock and applies
  // what it returns. A put equal to the current object (ignoring resourceVersion) changes nothing.
  WriteResult Write(const ObjectKey& key, const std::function<WriteDecision(const nlohmann::json*)>& decide);

  // Deletes every object in namespace `ns` (what namespace deletion does at once here).
  void DeleteNamespaceContents(const std::string& ns);

  // The events of `resource` with a resourceVersion above `after_rv`; nullopt when some were compacted.
  std::optional<EventBatch> EventsAfter(const std::string& resource, int64_t after_rv) const;

  // Forgets the history: watches and exact lists from older resourceVersions now get 410.
  int64_t Compact();
  // Removes every object without events (the resourceVersion counter keeps increasing).
  void Clear();

  // Called after every change with the new resourceVersion (the watch hub wakes watchers).
  void SetChangeListener(std::function<void(int64_t)> listener);

 private:
  void RecordLocked(StoredEvent event);
  WriteResult DeleteLocked(const ObjectKey& key);
  void CountLocked(const ObjectKey& key, int64_t delta);
  int64_t CountInScopeLocked(const std::string& resource, const std::string& ns) const;
  // Scope keys changed after `at_rv`, with their state at `at_rv` (null: absent then); 410 if too old.
  std::variant<std::map<ObjectKey, ObjectRef>, ApiError> RewindLocked(const std::string& resource,
                                                                      const std::string& ns,
                                                                      std::optional<int64_t> at_rv) const;

  mutable std::mutex mu_;
  size_t history_limit_;
  int64_t resource_version_ = 0;
  int64_t compacted_rv_ = 0;
  std::map<ObjectKey, ObjectRef> objects_;
  std::map<std::string, int64_t, std::less<>> count_by_resource_;
  std::map<std::pair<std::string, std::string>, int64_t, std::less<>> count_by_namespace_;
  std::deque<StoredEvent> history_;
  std::function<void(int64_t)> on_change_;
};

}  // namespace kic::kubefake
