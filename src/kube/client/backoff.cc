#include "kube/client/backoff.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace kic::kube::client {

Backoff::Backoff(BackoffOptions options, unsigned seed)
    : options_(options), rng_(seed), base_(options.initial) {}

void Backoff::Reset() {
  base_ = options_.initial;
  failed_before_ = false;
}

std::chrono::milliseconds Backoff::Next(std::chrono::steady_clock::time_point now) {
  if (failed_before_ && now - last_failure_ >= options_.reset_after) base_ = options_.initial;
  failed_before_ = true;
  last_failure_ = now;
  const auto base = base_;
  const double grown = static_cast<double>(base_.count()) * options_.factor;
  base_ = std::min(options_.max, std::chrono::milliseconds(static_cast<long long>(grown)));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double jittered = static_cast<double>(base.count()) * (1.0 + options_.jitter * unit(rng_));
  return std::chrono::milliseconds(static_cast<long long>(jittered));
}

}  // namespace kic::kube::client

namespace kic::kube::client {

bool SleepFor(std::chrono::milliseconds duration, std::stop_token stop) {
  std::mutex mu;
  std::condition_variable_any cv;
  std::unique_lock lock(mu);
  cv.wait_for(lock, stop, duration, [] { return false; });
  return !stop.stop_requested();
}

}  // namespace kic::kube::client
