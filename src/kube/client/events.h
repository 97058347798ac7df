#pragma once

#include <chrono>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "kube/client/api_client.h"
#include "kube/client/status_writer.h"

namespace kic::kube::client {

// The object an Event is about (core/v1 ObjectReference).
struct ObjectRef {
  std::string kind;
  std::string namespace_;  // "" for cluster-scoped objects
  std::string name;
  std::string uid;
  std::string api_version;
  std::string resource_version;
};

struct EventRecorderOptions {
  std::string component = "kong-client";  // source.component / reportingComponent
  std::string host;                       // source.host / reportingInstance
  // A repeat of the same (object, type, reason, message) within this window bumps the count of
  // the existing Event instead of creating a new one.
  std::chrono::milliseconds window{std::chrono::minutes(10)};
  size_t cache_size = 4096;  // as client-go's LRU
  std::function<std::chrono::system_clock::time_point()> now = [] {
    return std::chrono::system_clock::now();
  };
};

// Writes core/v1 Events the way client-go's legacy recorder does (reference §7.1): the first
// occurrence is POSTed as "<name>.<unix nanos hex>" with count 1; a repeat within the window
// PATCHes count, lastTimestamp and message of that same Event (creating it afresh on 404).
class EventRecorder {
 public:
  explicit EventRecorder(ApiClient& api, EventRecorderOptions options = {});

  // `type` is "Normal" or "Warning".
  WriteResult Record(const ObjectRef& object, const std::string& type, const std::string& reason,
                     const std::string& message);

 private:
  struct Seen {
    std::string name;
    std::string namespace_;
    int count = 0;
    std::string first_timestamp;
    std::chrono::system_clock::time_point last;
    std::list<std::string>::iterator lru;
  };
  WriteResult Create(const ObjectRef& object, const std::string& type, const std::string& reason,
                     const std::string& message, const std::string& key);
  void Remember(const std::string& key, Seen seen);

  ApiClient& api_;
  EventRecorderOptions options_;
  std::mutex mu_;  // one Record at a time: the cache and the write go together
  std::unordered_map<std::string, Seen> seen_;
  std::list<std::string> lru_;  // most recent first
};

}  // namespace kic::kube::client
