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

bool InScope(const ObjectKey& k, const std::string& resource, const std::string& ns) {
  return k.resource == resource && (ns.empty() || k.ns == ns);
}

// Takes `field` out of `object` for the duration of a serialization.
std::optional<json> TakeField(json& object, const char* field) {
  auto it = object.find(field);
  if (it == object.end()) return std::nullopt;
  std::optional<json> value(std::move(*it));
  object.erase(it);
  return value;
}

}  // namespace

StoredObject::StoredObject(json o) : object(std::move(o)) {
  if (!object.is_object()) {
    body = "{}";
    return;
  }
  std::optional<json> api_version = TakeField(object, "apiVersion");
  std::optional<json> kind = TakeField(object, "kind");
  // Invalid UTF-8 (from a protobuf body) is replaced rather than failing a write already decided.
  body = object.dump(-1, ' ', false, json::error_handler_t::replace);
  if (api_version) object["apiVersion"] = std::move(*api_version);
  if (kind) object["kind"] = std::move(*kind);
}

std::string TypePrefix(const std::string& api_version, const std::string& kind) {
  return "{\"apiVersion\":" + json(api_version).dump() + ",\"kind\":" + json(kind).dump();
}

void StoredObject::AppendJson(std::string_view type_prefix, std::string* out) const {
  out->append(type_prefix);
  if (body.size() > 2) {
    out->push_back(',');
    out->append(body, 1);
  } else {
    out->push_back('}');
  }
}

const json& StoredObject::metadata() const {
  static const json kNone = json::object();
  auto it = object.find("metadata");
  return it == object.end() || !it->is_object() ? kNone : *it;
}

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
  return it->second->object;
}

ObjectRef ObjectStore::GetRef(const ObjectKey& key) const {
  std::lock_guard lock(mu_);
  auto it = objects_.find(key);
  return it == objects_.end() ? nullptr : it->second;
}

std::variant<ListSnapshot, ApiError> ObjectStore::List(const std::string& resource, const std::string& ns,
                                                       std::optional<int64_t> at_rv) const {
  PageQuery query;
  query.resource = resource;
  query.ns = ns;
  query.at_rv = at_rv;
  auto listed = ListPage(query);
  if (auto* error = std::get_if<ApiError>(&listed)) return *error;
  Page& page = std::get<Page>(listed);
  return ListSnapshot{page.resource_version, std::move(page.items)};
}

std::variant<std::map<ObjectKey, ObjectRef>, ApiError> ObjectStore::RewindLocked(
    const std::string& resource, const std::string& ns, std::optional<int64_t> at_rv) const {
  std::map<ObjectKey, ObjectRef> changed;
  if (!at_rv || *at_rv >= resource_version_) return changed;
  if (*at_rv < compacted_rv_) {
    return Expired("too old resource version: " + std::to_string(*at_rv) + " (" +
                   std::to_string(compacted_rv_) + ")");
  }
  // Newest first, so the state kept for a key is the one before its first change after at_rv.
  for (auto it = history_.rbegin(); it != history_.rend() && it->resource_version > *at_rv; ++it) {
    if (InScope(it->key, resource, ns)) changed[it->key] = it->previous;
  }
  return changed;
}

std::variant<Page, ApiError> ObjectStore::ListPage(const PageQuery& query) const {
  std::lock_guard lock(mu_);
  const std::string& resource = query.resource;
  const std::string& ns = query.ns;
  auto rewound = RewindLocked(resource, ns, query.at_rv);
  if (auto* error = std::get_if<ApiError>(&rewound)) return *error;
  const auto& changed = std::get<std::map<ObjectKey, ObjectRef>>(rewound);

  Page page;
  page.resource_version = query.at_rv && *query.at_rv < resource_version_ ? *query.at_rv : resource_version_;

  // Seek to the first key after `after`: the current objects and the rewound ones, merged in order.
  ObjectKey from{resource, ns, ""};
  bool exclusive = false;
  if (query.after) {
    ObjectKey after{resource, query.after->first, query.after->second};
    if (from < after) {
      from = std::move(after);
      exclusive = true;
    }
  }
  auto now = exclusive ? objects_.upper_bound(from) : objects_.lower_bound(from);
  auto then = exclusive ? changed.upper_bound(from) : changed.lower_bound(from);
  auto now_in = [&] { return now != objects_.end() && InScope(now->first, resource, ns); };
  auto then_in = [&] { return then != changed.end(); };  // `changed` holds in-scope keys only
  for (;;) {
    const bool has_now = now_in();
    const bool has_then = then_in();
    if (!has_now && !has_then) break;
    const ObjectRef* value = nullptr;
    if (has_now && (!has_then || now->first < then->first)) {
      value = &now->second;
      ++now;
    } else if (has_now && now->first == then->first) {
      value = &then->second;  // changed since at_rv: its state then
      ++now;
      ++then;
    } else {
      value = &then->second;  // deleted since at_rv
      ++then;
    }
    if (!*value) continue;
    if (query.matches && !query.matches((*value)->object)) continue;
    if (query.limit > 0 && static_cast<int64_t>(page.items.size()) >= query.limit) {
      page.more = true;
      break;
    }
    page.items.push_back(*value);
  }
  if (page.more && !query.matches) {
    // The count at at_rv: today's count, corrected by what changed since.
    int64_t total = CountInScopeLocked(resource, ns);
    for (const auto& [key, then_value] : changed)
      total += (then_value ? 1 : 0) - (objects_.count(key) ? 1 : 0);
    page.remaining = std::max<int64_t>(1, total - query.offset - static_cast<int64_t>(page.items.size()));
  }
  return page;
}

void ObjectStore::CountLocked(const ObjectKey& key, int64_t delta) {
  count_by_resource_[key.resource] += delta;
  count_by_namespace_[{key.resource, key.ns}] += delta;
}

int64_t ObjectStore::CountInScopeLocked(const std::string& resource, const std::string& ns) const {
  if (ns.empty()) {
    auto it = count_by_resource_.find(resource);
    return it == count_by_resource_.end() ? 0 : it->second;
  }
  auto it = count_by_namespace_.find(std::make_pair(resource, ns));
  return it == count_by_namespace_.end() ? 0 : it->second;
}

WriteResult ObjectStore::Write(const ObjectKey& key,
                               const std::function<WriteDecision(const json*)>& decide) {
  std::function<void(int64_t)> notify;
  int64_t rv_after = 0;
  WriteResult result;
  {
    std::lock_guard lock(mu_);
    auto it = objects_.find(key);
    const json* current = it == objects_.end() ? nullptr : &it->second->object;
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
        object["metadata"]["resourceVersion"] = std::to_string(resource_version_ + 1);
        auto stored = std::make_shared<const StoredObject>(std::move(object));
        ++resource_version_;
        ObjectRef previous = it == objects_.end() ? nullptr : it->second;
        result.created = current == nullptr;
        result.changed = true;
        result.object = stored->object;
        if (result.created) {
          objects_.emplace(key, stored);
          CountLocked(key, 1);
        } else {
          it->second = stored;
        }
        RecordLocked({result.created ? "ADDED" : "MODIFIED", resource_version_, key, std::move(stored),
                      std::move(previous)});
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
  json last = it->second->object;
  last["metadata"]["resourceVersion"] = std::to_string(resource_version_ + 1);
  auto stored = std::make_shared<const StoredObject>(std::move(last));
  ++resource_version_;
  result.object = stored->object;
  RecordLocked({"DELETED", resource_version_, key, std::move(stored), it->second});
  objects_.erase(it);
  CountLocked(key, -1);
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
  count_by_resource_.clear();
  count_by_namespace_.clear();
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
