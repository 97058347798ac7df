#include "kube/client/leader_election.h"

#include <spdlog/spdlog.h>

#include "kube/client/backoff.h"
#include "kube/client/resources.h"
#include "kube/client/time_format.h"

namespace kic::kube::client {
namespace {

long DurationSeconds(std::chrono::milliseconds d) {
  return std::max<long>(1, static_cast<long>((d.count() + 999) / 1000));
}

}  // namespace

LeaderElector::LeaderElector(ApiClient& api, LeaderElectionConfig config)
    : api_(api), config_(std::move(config)), rng_(config_.seed) {}

std::string LeaderElector::LeasePath() const {
  return LeaseResource().ObjectPath(config_.lease_namespace, config_.lease_name);
}

bool LeaderElector::Write(nlohmann::json lease, bool create) {
  ApiResponse response =
      create ? api_.Post(LeaseResource().CollectionPath(config_.lease_namespace), lease.dump())
             : api_.Put(LeasePath(), lease.dump());
  if (!response.ok()) {
    if (response.status != 409) spdlog::warn("lease {}: write: {}", config_.lease_name, response.Describe());
    return false;
  }
  auto stored = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  lease_ = stored.is_object() ? stored : lease;
  observed_ = Observed{(*lease_)["spec"], std::chrono::steady_clock::now()};
  return true;
}

bool LeaderElector::TryAcquireOrRenew() {
  other_holder_ = false;
  const std::string now = FormatMicroTime(std::chrono::system_clock::now());
  const auto steady_now = std::chrono::steady_clock::now();

  // 1. Leading with a fresh observation: renew the cached object optimistically.
  if (leading_ && lease_ && observed_ && steady_now - observed_->at < config_.lease_duration) {
    nlohmann::json renewed = *lease_;
    renewed["spec"]["renewTime"] = now;
    if (Write(renewed, false)) return true;
  }

  // 2. Read the lease; create it when there is none.
  ApiResponse current = api_.Get(LeasePath());
  if (current.status == 404) {
    nlohmann::json lease = {
        {"apiVersion", "coordination.k8s.io/v1"},
        {"kind", "Lease"},
        {"metadata", {{"name", config_.lease_name}, {"namespace", config_.lease_namespace}}},
        {"spec",
         {{"holderIdentity", config_.identity},
          {"leaseDurationSeconds", DurationSeconds(config_.lease_duration)},
          {"acquireTime", now},
          {"renewTime", now},
          {"leaseTransitions", 0}}}};
    return Write(lease, true);
  }
  if (!current.ok()) {
    spdlog::warn("lease {}: read: {}", config_.lease_name, current.Describe());
    return false;
  }
  auto lease = nlohmann::json::parse(current.body, nullptr, /*allow_exceptions=*/false);
  if (!lease.is_object()) return false;
  nlohmann::json spec = lease.value("spec", nlohmann::json::object());
  if (!spec.is_object()) spec = nlohmann::json::object();

  // 3. Note when the record last changed, on our own clock.
  if (!observed_ || observed_->spec != spec) observed_ = Observed{spec, steady_now};
  lease_ = lease;

  // 4. Someone else holds a lease that has not expired: not us, this round.
  const std::string holder = spec.value("holderIdentity", "");
  if (!holder.empty() && holder != config_.identity && steady_now - observed_->at < config_.lease_duration) {
    other_holder_ = true;
    return false;
  }
  const bool was_holder = holder == config_.identity;
  spec["holderIdentity"] = config_.identity;
  spec["leaseDurationSeconds"] = DurationSeconds(config_.lease_duration);
  spec["renewTime"] = now;
  if (!was_holder) {
    spec["acquireTime"] = now;
    spec["leaseTransitions"] = spec.value("leaseTransitions", 0) + 1;
  }
  lease["spec"] = spec;
  return Write(lease, false);  // carries the read resourceVersion: 409 if someone else got there first
}

bool LeaderElector::Release() {
  if (!leading_ || !lease_) return false;
  const std::string now = FormatMicroTime(std::chrono::system_clock::now());
  nlohmann::json released = *lease_;
  released["spec"]["holderIdentity"] = "";
  released["spec"]["leaseDurationSeconds"] = 1;
  released["spec"]["renewTime"] = now;
  released["spec"]["acquireTime"] = now;
  const bool ok = Write(released, false);
  leading_ = false;
  return ok;
}

void LeaderElector::Run(std::stop_token stop) {
  std::uniform_real_distribution<double> jitter(0.0, 1.2);
  while (!stop.stop_requested()) {
    while (!TryAcquireOrRenew()) {
      const auto wait = std::chrono::milliseconds(
          static_cast<long long>(static_cast<double>(config_.retry_period.count()) * (1.0 + jitter(rng_))));
      if (!SleepFor(wait, stop)) return;
    }
    leading_ = true;
    spdlog::info("lease {}: {} became the leader", config_.lease_name, config_.identity);
    if (config_.on_started_leading) config_.on_started_leading();

    auto last_renew = std::chrono::steady_clock::now();
    while (SleepFor(config_.retry_period, stop)) {
      if (TryAcquireOrRenew()) {
        last_renew = std::chrono::steady_clock::now();
      } else if (other_holder_ || std::chrono::steady_clock::now() - last_renew >= config_.renew_deadline) {
        break;
      }
    }
    if (stop.stop_requested() && config_.release_on_stop) Release();
    leading_ = false;
    spdlog::info("lease {}: {} stopped leading", config_.lease_name, config_.identity);
    if (config_.on_stopped_leading) config_.on_stopped_leading();
  }
}

}  // namespace kic::kube::client
