#include "kube/client/events.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "kube/client/resources.h"
#include "kube/client/time_format.h"

namespace kic::kube::client {
namespace {

constexpr size_t kMaxMessage = 1024;

std::string EventNamespace(const ObjectRef& object) {
  return object.namespace_.empty() ? "default" : object.namespace_;
}

std::string DedupKey(const EventRecorderOptions& o, const ObjectRef& object, const std::string& type,
                     const std::string& reason, const std::string& message) {
  std::string key;
  for (const std::string* part : {&o.component, &o.host, &object.kind, &object.namespace_, &object.name,
                                  &object.uid, &object.api_version, &type, &reason, &message}) {
    key += *part;
    key.push_back('\x1f');
  }
  return key;
}

}  // namespace

EventRecorder::EventRecorder(ApiClient& api, EventRecorderOptions options)
    : api_(api), options_(std::move(options)) {}

void EventRecorder::Remember(const std::string& key, Seen seen) {
  if (auto it = seen_.find(key); it != seen_.end()) {
    lru_.erase(it->second.lru);
    seen_.erase(it);
  }
  lru_.push_front(key);
  seen.lru = lru_.begin();
  seen_.emplace(key, std::move(seen));
  while (seen_.size() > options_.cache_size) {
    seen_.erase(lru_.back());
    lru_.pop_back();
  }
}

WriteResult EventRecorder::Create(const ObjectRef& object, const std::string& type, const std::string& reason,
                                  const std::string& message, const std::string& key) {
  WriteResult result;
  result.attempts = 1;
  const auto now = options_.now();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, ".%llx", static_cast<unsigned long long>(nanos));
  const std::string name = object.name + suffix;
  const std::string ns = EventNamespace(object);
  const std::string timestamp = FormatTime(now);

  nlohmann::json involved = {{"kind", object.kind}, {"name", object.name}};
  if (!object.namespace_.empty()) involved["namespace"] = object.namespace_;
  if (!object.uid.empty()) involved["uid"] = object.uid;
  if (!object.api_version.empty()) involved["apiVersion"] = object.api_version;
  if (!object.resource_version.empty()) involved["resourceVersion"] = object.resource_version;
  nlohmann::json event = {
      {"apiVersion", "v1"},
      {"kind", "Event"},
      {"metadata", {{"name", name}, {"namespace", ns}}},
      {"involvedObject", involved},
      {"reason", reason},
      {"message", message},
      {"type", type},
      {"source", {{"component", options_.component}, {"host", options_.host}}},
      {"firstTimestamp", timestamp},
      {"lastTimestamp", timestamp},
      {"count", 1},
      {"reportingComponent", options_.component},
      {"reportingInstance", options_.host},
      {"eventTime", nullptr},
  };
  ApiResponse response = api_.Post(EventResource().CollectionPath(ns), event.dump());
  if (!response.ok()) {
    result.error = "event " + reason + " for " + object.kind + " " + object.name + ": " + response.Describe();
    return result;
  }
  Remember(key, Seen{name, ns, 1, timestamp, now, {}});
  result.ok = result.changed = true;
  return result;
}

WriteResult EventRecorder::Record(const ObjectRef& object, const std::string& type, const std::string& reason,
                                  const std::string& message_in) {
  const std::string message = message_in.substr(0, kMaxMessage);
  const std::string key = DedupKey(options_, object, type, reason, message);
  std::lock_guard lock(mu_);
  const auto now = options_.now();
  auto it = seen_.find(key);
  if (it == seen_.end() || now - it->second.last >= options_.window)
    return Create(object, type, reason, message, key);

  Seen seen = it->second;
  seen.count++;
  seen.last = now;
  const nlohmann::json patch = {
      {"count", seen.count}, {"lastTimestamp", FormatTime(now)}, {"message", message}};
  ApiResponse response =
      api_.Patch(EventResource().ObjectPath(seen.namespace_, seen.name), patch.dump(), kStrategicMergePatch);
  if (response.status == 404) return Create(object, type, reason, message, key);  // expired on the server
  WriteResult result;
  result.attempts = 1;
  if (!response.ok()) {
    result.error = "event " + reason + " for " + object.kind + " " + object.name + ": " + response.Describe();
    return result;
  }
  Remember(key, std::move(seen));
  result.ok = result.changed = true;
  return result;
}

}  // namespace kic::kube::client
