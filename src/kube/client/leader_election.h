#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <stop_token>
#include <string>

#include "kube/client/api_client.h"

namespace kic::kube::client {

struct LeaderElectionConfig {
  std::string lease_namespace;
  std::string lease_name;  // KIC: --election-id, "5b374a9e.konghq.com"
  std::string identity;    // unique per process (pod name + random suffix)
  // controller-runtime's defaults; must satisfy lease_duration > renew_deadline > 1.2 * retry_period.
  std::chrono::milliseconds lease_duration{std::chrono::seconds(15)};
  std::chrono::milliseconds renew_deadline{std::chrono::seconds(10)};
  std::chrono::milliseconds retry_period{std::chrono::seconds(2)};
  bool release_on_stop = true;
  std::function<void()> on_started_leading;
  std::function<void()> on_stopped_leading;
  unsigned seed = std::random_device{}();
};

// Lease-based leader election as client-go's LeaderElector with a LeaseLock (reference §8).
// Another holder's lease counts as valid for `lease_duration` after this process last saw it
// change, measured on the local monotonic clock (remote timestamps are never compared with
// ours). Every write carries the resourceVersion that was read, so two candidates racing for a
// free lease cannot both win: the second PUT gets 409.
class LeaderElector {
 public:
  LeaderElector(ApiClient& api, LeaderElectionConfig config);

  // Campaigns, leads (renewing every retry_period) and, if renewals fail for renew_deadline,
  // steps down and campaigns again, until `stop`. Releases the lease on stop when leading.
  void Run(std::stop_token stop);

  // One acquire-or-renew round; true when this process holds the lease afterwards.
  bool TryAcquireOrRenew();
  // Gives the lease up (holderIdentity ""), if this process holds it.
  bool Release();
  bool IsLeader() const { return leading_.load(); }

 private:
  struct Observed {
    nlohmann::json spec;  // the lease spec last seen
    std::chrono::steady_clock::time_point at;
  };
  std::string LeasePath() const;
  bool Write(nlohmann::json lease, bool create);

  ApiClient& api_;
  LeaderElectionConfig config_;
  std::mt19937 rng_;
  std::atomic<bool> leading_{false};
  bool other_holder_ = false;            // the last round failed because someone else leads
  std::optional<nlohmann::json> lease_;  // the lease object as we last wrote or read it
  std::optional<Observed> observed_;
};

}  // namespace kic::kube::client
