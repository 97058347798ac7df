#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>

#include "controller/kong_instances.h"
#include "controller/sync_engine.h"
#include "kube/client/synced_store.h"

namespace kic::controller {

struct SyncLoopOptions {
  // After a change, wait until the store has been quiet this long (bursts become one sync)...
  std::chrono::milliseconds debounce{50};
  // ...but never longer than this after the first change.
  std::chrono::milliseconds max_debounce{1000};
  std::chrono::milliseconds resync{3000};                // --proxy-sync-seconds
  std::chrono::milliseconds initial_delay{5000};         // --init-cache-sync-duration
  std::chrono::milliseconds cache_sync_timeout{120000};  // --cache-sync-timeout
  std::chrono::milliseconds retry_initial{500};          // after a failed sync
  std::chrono::milliseconds retry_max{30000};
  std::chrono::milliseconds poll{100};  // how often leadership and instance changes are looked at
};

// kic run's heart: store change -> debounce -> SyncEngine::Sync, plus a full resync every
// `resync`, retries with backoff while Kong is unreachable, and nothing at all before every
// watched kind has synced (a new leader never pushes a partial config).
class SyncLoop {
 public:
  SyncLoop(kube::client::SyncedStore& store, std::function<bool()> has_synced, KongInstances& instances,
           SyncEngine& engine, SyncLoopOptions options);

  // Only the leader pushes; unset = always.
  void SetLeaderCheck(std::function<bool()> is_leader) { is_leader_ = std::move(is_leader); }
  // Runs after every sync with the snapshot that was translated (Ingress status, tracing).
  void SetAfterSync(std::function<void(const kube::Store&, const SyncOutcome&)> after) {
    after_ = std::move(after);
  }

  // Until `stop`. Returns false when the watches did not sync within cache_sync_timeout.
  bool Run(std::stop_token stop);

  // KIC readiness: at least one config (full or fallback) was applied.
  bool applied_once() const { return applied_once_.load(); }
  uint64_t syncs() const { return syncs_.load(); }

 private:
  bool WaitForCaches(std::stop_token stop);
  // One sync: the targets-only or recheck fast path when the last sync left every instance in step
  // (`in_sync`) and only EndpointSlices changed, else a full translation of a snapshot.
  struct Pass {
    SyncOutcome outcome;
    std::shared_ptr<const kube::Store> snapshot;  // when the store was translated; the engine may keep it
    uint64_t generation = 0;                      // of the store the pass applied
  };
  Pass SyncOnce(std::span<const kong::admin::AdminClient> clients, bool in_sync);

  kube::client::SyncedStore& store_;
  std::function<bool()> has_synced_;
  KongInstances& instances_;
  SyncEngine& engine_;
  const SyncLoopOptions options_;
  std::function<bool()> is_leader_;
  std::function<void(const kube::Store&, const SyncOutcome&)> after_;
  std::atomic<bool> applied_once_{false};
  std::atomic<uint64_t> syncs_{0};
};

}  // namespace kic::controller
