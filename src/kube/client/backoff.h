#pragma once

#include <chrono>
#include <random>
#include <stop_token>

namespace kic::kube::client {

struct BackoffOptions {
  std::chrono::milliseconds initial{800};
  std::chrono::milliseconds max{std::chrono::seconds(30)};
  double factor = 2.0;
  double jitter = 1.0;  // each wait is base * (1 + jitter * U[0,1)), as client-go's wait.Jitter
  // After this long without a failure, the next failure starts again from `initial`.
  std::chrono::milliseconds reset_after{std::chrono::minutes(2)};
};

// Exponential backoff with jitter for retrying failed requests (client-go's backoff manager).
class Backoff {
 public:
  explicit Backoff(BackoffOptions options = {}, unsigned seed = std::random_device{}());

  // The wait before the next attempt after a failure at `now`; grows with each call.
  std::chrono::milliseconds Next(
      std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  void Reset();
  // The un-jittered base the next call would use.
  std::chrono::milliseconds base() const { return base_; }

 private:
  BackoffOptions options_;
  std::mt19937 rng_;
  std::chrono::milliseconds base_;
  std::chrono::steady_clock::time_point last_failure_{};
  bool failed_before_ = false;
};

}  // namespace kic::kube::client

namespace kic::kube::client {

// Sleeps for `duration` unless `stop` is requested first; returns false when stopped.
bool SleepFor(std::chrono::milliseconds duration, std::stop_token stop);

}  // namespace kic::kube::client
