#pragma once

#include <simdjson.h>

#include <chrono>
#include <mutex>
#include <random>
#include <stop_token>
#include <string>

#include "kube/client/api_client.h"
#include "kube/client/backoff.h"
#include "kube/client/resources.h"
#include "kube/client/synced_store.h"

namespace kic::kube::client {

struct ReflectorOptions {
  std::string namespace_;      // "" = all namespaces (always "" for cluster-scoped kinds)
  std::string label_selector;  // e.g. --secret-label-selector for Secrets
  int page_size = 500;
  // Each watch asks the server to end it after a random time in [min, max), as client-go does.
  std::chrono::milliseconds min_watch_timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds max_watch_timeout{std::chrono::minutes(10)};
  // The client gives up on a watch this long after the server should have ended it.
  std::chrono::milliseconds watch_timeout_slack{std::chrono::seconds(30)};
  BackoffOptions backoff;
  unsigned seed = std::random_device{}();
};

// How one watch ended, and so what the reflector does next.
enum class WatchEnd {
  kResume,   // the stream ended normally (timeout, server closed): watch again from the last RV
  kRelist,   // 410 Gone / Expired: the last RV is too old, LIST again
  kFailed,   // connection error, 5xx, garbled stream: back off, then watch again from the last RV
  kStopped,  // stop was requested
};
const char* WatchEndName(WatchEnd end);

struct ReflectorStats {
  int lists = 0;          // completed LISTs (all pages)
  int list_requests = 0;  // LIST page requests, successful or not
  int watches = 0;        // watch requests started
  int events = 0;         // ADDED/MODIFIED/DELETED events applied
  int decode_errors = 0;  // objects skipped because they did not decode
  int failures = 0;       // failed requests (each followed by a backoff)
};

// Keeps the store's copy of one kind (in one namespace, or all) equal to the server's, the way
// client-go's reflector does: paged LIST replacing the kind's content, then WATCH from the list's
// resourceVersion, resuming from the last seen RV when a stream ends, relisting on 410.
class Reflector {
 public:
  Reflector(ApiClient& api, ResourceInfo resource, SyncedStore& store, ReflectorOptions options = {});

  // Lists and watches until `stop` is requested.
  void Run(std::stop_token stop);

  // The steps Run() is made of, public for tests.
  struct ListOutcome {
    bool ok = false;
    bool expired = false;  // 410 (an expired continue token)
    std::string error;
    std::chrono::seconds retry_after{0};  // the server asked for this wait (429/5xx Retry-After)
  };
  ListOutcome List(std::stop_token stop = {});
  struct WatchOutcome {
    WatchEnd end = WatchEnd::kResume;
    int events = 0;  // lines handled, bookmarks included
    std::string error;
    std::chrono::seconds retry_after{0};  // the server asked for this wait (429/5xx Retry-After)
  };
  WatchOutcome Watch(std::stop_token stop = {});

  std::string last_resource_version() const;
  ReflectorStats stats() const;
  const ResourceInfo& resource() const { return resource_; }
  const std::string& namespace_() const { return options_.namespace_; }

 private:
  std::string ListPath(const std::string& continue_token) const;
  std::string WatchPath(const std::string& rv, long timeout_seconds) const;
  // Applies one watch line; returns false (and sets `end`) when the stream must stop.
  bool HandleWatchLine(std::string_view line, WatchOutcome& outcome);
  std::string Describe() const;  // "Ingress in default" for logs

  ApiClient& api_;
  const ResourceInfo resource_;
  SyncedStore& store_;
  ReflectorOptions options_;
  std::mt19937 rng_;
  simdjson::dom::parser line_parser_;     // watch lines (used by the thread running Watch)
  simdjson::dom::parser scratch_parser_;  // re-encoded objects

  mutable std::mutex mu_;  // guards the two below, read by other threads
  std::string last_rv_;
  ReflectorStats stats_;
};

}  // namespace kic::kube::client
