#include "object_store.h"

#include <algorithm>

namespace kic::kubefake {

using nlohmann::json;

namespace {

json WithoutResourceVersion(json object) {
  if (object.contains("metadata") && object["metadata"].is_object())
    object["metadata"].erase("resourceVersion");
  return object;
}

}  // namespace

ObjectStore::ObjectStore(size_t history_limit) : history_limit_(history_limit) {}

int64_t ObjectStore::CurrentResourceVersion() const {
  std::lock_guard lock(mu_);
  return resource_version_;
}

int64_t ObjectStore::CompactedResourceVersion() const {
  std::lock_guard lock(mu_);
  return compacted_rv_;
}

std::optional<json> ObjectStore::Get(const ObjectKey& key) const {
  std::lock_guard lock(mu_);
  auto it = objects_.find(key);
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

std::variant<ListSnapshot, ApiError> ObjectStore::List(const std::string& resource, const std::string& ns,
                                                       std::optional<int64_t> at_rv) const {
  std::lock_guard lock(mu_);
  auto in_scope = [&](const ObjectKey& k) { return k.resource == resource && (ns.empty() || k.ns == ns); };
  std::map<ObjectKey, json> view;
  for (auto it = objects_.lower_bound(ObjectKey{resource, "", ""}); it != objects_.end(); ++it) {
    if (it->first.resource != resource) break;
    if (in_scope(it->first)) view.emplace(it->first, it->second);
  }
  int64_t rv = resource_version_;
  if (at_rv && *at_rv < resource_version_) {
    if (*at_rv < compacted_rv_) {
      return Expired("too old resource version: " + std::to_string(*at_rv) + " (" +
                     std::to_string(compacted_rv_) + ")");
    }
    // Rewind: undo the changes made after at_rv, newest first.
    for (auto it = history_.rbegin(); it != history_.rend() && it->resource_version > *at_rv; ++it) {
      if (!in_scope(it->key)) continue;
      if (it->previous.is_null()) {
        view.erase(it->key);
      } else {
        view[it->key] = it->previous;
      }
    }
    rv = *at_rv;
  }
  ListSnapshot snapshot{rv, {}};
  snapshot.items.reserve(view.size());
  for (auto& [k, v] : view) snapshot.items.push_back(std::move(v));
  return snapshot;
}

WriteResult ObjectStore::Write(const ObjectKey& key,
                               const std::function<WriteDecision(const json*)>& decide) {
  std::function<void(int64_t)> notify;
  int64_t rv_after = 0;
  WriteResult result;
  {
    std::lock_guard lock(mu_);
    auto it = objects_.find(key);
    const json* current = it == objects_.end() ? nullptr : &it->second;
    WriteDecision decision = decide(current);
    if (decision.error) {
      result.error = std::move(decision.error);
      return result;
    }
    switch (decision.action) {
      case WriteDecision::Action::kNone:
        result.object = current ? *current : json();
        return result;
      case WriteDecision::Action::kDelete:
        if (current == nullptr) return result;
        result = DeleteLocked(key);
        break;
      case WriteDecision::Action::kPut: {
        if (current && WithoutResourceVersion(*current) == WithoutResourceVersion(decision.object)) {
          result.object = *current;
          return result;
        }
        json object = std::move(decision.object);
        object["metadata"]["resourceVersion"] = std::to_string(++resource_version_);
        StoredEvent event{current ? "MODIFIED" : "ADDED", resource_version_, key, object,
                          current ? *current : json()};
        result.created = current == nullptr;
        result.changed = true;
        result.object = object;
        objects_[key] = std::move(object);
        RecordLocked(std::move(event));
        break;
      }
    }
    notify = on_change_;
    rv_after = resource_version_;
  }
  if (notify) notify(rv_after);
  return result;
}

WriteResult ObjectStore::DeleteLocked(const ObjectKey& key) {
  auto it = objects_.find(key);
  WriteResult result;
  json last = it->second;
  last["metadata"]["resourceVersion"] = std::to_string(++resource_version_);
  RecordLocked({"DELETED", resource_version_, key, last, it->second});
  objects_.erase(it);
  result.object = std::move(last);
  result.changed = true;
  return result;
}

void ObjectStore::DeleteNamespaceContents(const std::string& ns) {
  std::function<void(int64_t)> notify;
  int64_t rv_after = 0;
  {
    std::lock_guard lock(mu_);
    std::vector<ObjectKey> doomed;
    for (const auto& [k, v] : objects_) {
      if (k.ns == ns) doomed.push_back(k);
    }
    for (const auto& k : doomed) DeleteLocked(k);
    if (doomed.empty()) return;
    notify = on_change_;
    rv_after = resource_version_;
  }
  if (notify) notify(rv_after);
}

std::optional<EventBatch> ObjectStore::EventsAfter(const std::string& resource, int64_t after_rv) const {
  std::lock_guard lock(mu_);
  if (after_rv < compacted_rv_) return std::nullopt;
  EventBatch batch;
  batch.up_to = std::max(after_rv, resource_version_);
  // History is ordered by resourceVersion: walk back to the first event after after_rv.
  auto it = history_.end();
  while (it != history_.begin() && std::prev(it)->resource_version > after_rv) --it;
  for (; it != history_.end(); ++it) {
    if (it->key.resource == resource) batch.events.push_back(*it);
  }
  return batch;
}

int64_t ObjectStore::Compact() {
  std::lock_guard lock(mu_);
  history_.clear();
  compacted_rv_ = resource_version_;
  return compacted_rv_;
}

void ObjectStore::Clear() {
  std::lock_guard lock(mu_);
  objects_.clear();
  history_.clear();
  compacted_rv_ = resource_version_;
}

void ObjectStore::SetChangeListener(std::function<void(int64_t)> listener) {
  std::lock_guard lock(mu_);
  on_change_ = std::move(listener);
}

void ObjectStore::RecordLocked(StoredEvent event) {
  history_.push_back(std::move(event));
  while (history_.size() > history_limit_) {
    compacted_rv_ = history_.front().resource_version;
    history_.pop_front();
  }
}

}  // namespace kic::kubefake
