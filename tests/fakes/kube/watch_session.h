#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api_status.h"
#include "object_store.h"
#include "resource_type.h"
#include "selectors.h"
#include "watch_hub.h"

namespace kic::kubefake {

struct WatchOptions {
  const ResourceType* type = nullptr;
  std::string version;
  std::string ns;  // "" = all namespaces
  LabelSelector labels;
  FieldSelector fields;
  std::optional<int64_t> start_rv;   // nullopt ("" or "0"): current state as ADDED events first
  bool send_initial_events = false;  // watch-list: a BOOKMARK marks the end of the initial events
  bool allow_bookmarks = false;
  std::optional<std::chrono::steady_clock::time_point> deadline;  // timeoutSeconds
  std::chrono::milliseconds bookmark_interval{5000};
};

// Appends the object of a watch event for a stored object (its stored bytes, or a one-row Table).
using EventRenderer = std::function<void(const StoredObject& object, std::string* out)>;

// One open watch: produces newline-delimited JSON events, a step at a time, so the HTTP layer can
// stream them as chunks and notice a stopped server or a gone client between steps.
class WatchSession {
 public:
  enum class Step { kContinue, kEnd, kAbort };

  // Fails with 410 Expired (before anything is streamed) when start_rv is older than the history.
  static std::variant<std::unique_ptr<WatchSession>, ApiError> Open(const ObjectStore& store, WatchHub& hub,
                                                                    WatchOptions options,
                                                                    EventRenderer render);

  WatchSession(const ObjectStore& store, WatchHub& hub, WatchOptions options, EventRenderer render);

  // Appends the next events (possibly none) to `out`, waiting a short while for something to happen.
  // kEnd: the stream is over (write `out`, then end the body); kAbort: close the connection.
  Step Next(std::string* out);

 private:
  bool Matches(const ObjectRef& object) const;
  void AppendEvent(std::string_view type, const StoredObject& object, std::string* out) const;
  void AppendBookmark(std::string* out, bool initial_events_end) const;

  const ObjectStore& store_;
  WatchHub& hub_;
  WatchHub::Registration registration_;
  WatchOptions options_;
  EventRenderer render_;
  WatchHub::Signals seen_;
  int64_t cursor_ = 0;
  std::vector<ObjectRef> initial_;  // synthetic ADDED events still to send
  bool initial_pending_ = false;
  std::chrono::steady_clock::time_point next_bookmark_;
};

}  // namespace kic::kubefake
