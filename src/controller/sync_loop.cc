#include "controller/sync_loop.h"

#include <spdlog/spdlog.h>

#include "controller/heap.h"
#include "kube/client/backoff.h"

namespace kic::controller {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

milliseconds Until(Clock::time_point when) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(when - Clock::now()));
}

}  // namespace

SyncLoop::SyncLoop(kube::client::SyncedStore& store, std::function<bool()> has_synced,
                   KongInstances& instances, SyncEngine& engine, SyncLoopOptions options)
    : store_(store),
      has_synced_(std::move(has_synced)),
      instances_(instances),
      engine_(engine),
      options_(options) {}

bool SyncLoop::WaitForCaches(std::stop_token stop) {
  const auto deadline = Clock::now() + options_.cache_sync_timeout;
  auto seen = store_.generation();
  while (!has_synced_()) {
    if (stop.stop_requested()) return true;
    if (Clock::now() >= deadline) {
      spdlog::error("the watches did not sync within {} ms (--cache-sync-timeout)",
                    options_.cache_sync_timeout.count());
      return false;
    }
    seen = store_.WaitForChange(seen, std::min(options_.poll, Until(deadline)), stop);
  }
  spdlog::info("every watched kind has synced; first sync in {} ms", options_.initial_delay.count());
  kube::client::SleepFor(options_.initial_delay, stop);
  return true;
}

SyncLoop::Pass SyncLoop::SyncOnce(std::span<const kong::admin::AdminClient> clients, bool in_sync) {
  Pass pass;
  std::optional<TargetsUpdate> targets;
  // The changes are taken, with the store they led to, in one step: none is seen twice or missed.
  const bool plain =
      store_.ReadChanges([&](const kube::Store& store, const kube::client::StoreChanges& changes) {
        pass.generation = changes.generation;
        if (in_sync && changes.only_endpoint_slices) {
          // Nothing changed (a resync), or only Pods' addresses: no translation of the cluster.
          if (changes.slice_services.empty()) return false;
          targets = engine_.PlanTargets(store, changes.slice_services);
          if (targets) return false;
        }
        // Translate a copy (pointer copies) so that the reflectors are never blocked by a sync.
        pass.snapshot = std::make_shared<const kube::Store>(store);
        return true;
      });
  if (!plain) {
    auto outcome = targets ? engine_.SyncTargets(*targets, clients) : engine_.Recheck(clients);
    if (outcome) {
      pass.outcome = std::move(*outcome);
      return pass;
    }
    // The fast path could not decide: translate the store as it is now.
    pass.snapshot =
        store_.ReadChanges([&](const kube::Store& store, const kube::client::StoreChanges& changes) {
          pass.generation = changes.generation;
          return std::make_shared<const kube::Store>(store);
        });
  }
  pass.outcome = engine_.Sync(pass.snapshot, clients);
  return pass;
}

bool SyncLoop::Run(std::stop_token stop) {
  if (!WaitForCaches(stop)) return false;
  kube::client::Backoff backoff({.initial = options_.retry_initial,
                                 .max = options_.retry_max,
                                 .factor = 2.0,
                                 .jitter = 0.2,
                                 .reset_after = options_.retry_max});
  uint64_t synced_store = ~uint64_t{0};
  uint64_t seen_instances = ~uint64_t{0};
  uint64_t candidates_from = ~uint64_t{0};
  bool was_leader = false;
  // The last sync applied the store as of synced_store to every instance: the fast paths may build
  // on it.
  bool in_sync = false;
  bool heap_untrimmed = false;  // syncs freed memory since the last ReleaseFreedHeap
  auto next_full = Clock::now();

  while (!stop.stop_requested()) {
    const auto generation = store_.generation();
    if (instances_.discovering() && generation != candidates_from) {
      store_.Read([this](const kube::Store& store) { instances_.UpdateCandidates(store); });
      candidates_from = generation;
    }
    const bool leader = !is_leader_ || is_leader_();
    if (leader && !was_leader) {
      // Whatever this process knew about Kong may be stale after another leader's term.
      engine_.ForgetAllInstances(instances_.Ready());
      synced_store = ~uint64_t{0};
      in_sync = false;
    }
    was_leader = leader;
    for (const auto& url : instances_.TakeRemoved()) engine_.ForgetInstance(url);

    const auto instances_generation = instances_.generation();
    const bool store_changed = generation != synced_store;
    const bool instances_changed = instances_generation != seen_instances;
    const bool due = store_changed || instances_changed || Clock::now() >= next_full;
    bool translated = false;
    bool synced = false;
    if (leader && due) {
      if (const auto expressions = instances_.expression_routes()) engine_.SetExpressionRoutes(*expressions);
      const auto clients = instances_.Ready();
      if (clients.empty()) {
        if (instances_changed) spdlog::info("no ready Kong instance yet; waiting");
        seen_instances = instances_generation;
        in_sync = false;
      } else {
        const auto pass = SyncOnce(clients, in_sync && !instances_changed);
        synced = true;
        const auto& outcome = pass.outcome;
        ++syncs_;
        synced_store = pass.generation;
        seen_instances = instances_generation;
        in_sync = outcome.result == SyncOutcome::Result::kApplied;
        if (outcome.NeedsRetry()) {
          const auto wait = backoff.Next();
          spdlog::warn("sync: {}; next attempt in {} ms", outcome.summary, wait.count());
          next_full = Clock::now() + wait;
        } else {
          if (outcome.changed || outcome.result != SyncOutcome::Result::kApplied)
            spdlog::info("sync: {}", outcome.summary);
          backoff.Reset();
          next_full = Clock::now() + options_.resync;
          if (outcome.result == SyncOutcome::Result::kApplied ||
              outcome.result == SyncOutcome::Result::kFallbackApplied)
            applied_once_ = true;
        }
        if (after_ && pass.snapshot) after_(*pass.snapshot, outcome);
        translated = pass.snapshot != nullptr;
      }
    }
    // The translation's scratch and the snapshot are gone now; the pages they held need not be.
    // A targets patch frees little each time, but thousands of them (Pods churning) add up; their
    // pages go back once the store is quiet, so that a burst of patches is not slowed by page faults.
    if (translated) {
      ReleaseFreedHeap();
      heap_untrimmed = false;
    } else if (synced) {
      heap_untrimmed = true;
    }

    // Sleep until the next resync, a store change, or the next look at leadership and instances.
    const auto woke = store_.WaitForChange(generation, std::min(Until(next_full), options_.poll), stop);
    if (woke == generation && heap_untrimmed) {
      ReleaseFreedHeap();
      heap_untrimmed = false;
    }
    if (woke != generation) {
      const auto first_change = Clock::now();
      auto latest = woke;
      while (!stop.stop_requested() && Clock::now() - first_change < options_.max_debounce) {
        const auto next = store_.WaitForChange(latest, options_.debounce, stop);
        if (next == latest) break;  // quiet for a whole debounce period
        latest = next;
      }
    }
  }
  return true;
}

}  // namespace kic::controller
