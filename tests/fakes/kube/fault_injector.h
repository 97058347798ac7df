#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "api_status.h"

namespace kic::kubefake {

// Test-controlled misbehaviour of the API endpoints: failing (500, 429 with Retry-After, ...) the
// next N requests or for a while, stalling responses, and requiring a bearer token.
class FaultInjector {
 public:
  using Clock = std::chrono::steady_clock;

  struct Verdict {
    std::optional<ApiError> failure;
    std::chrono::milliseconds stall{0};
  };

  explicit FaultInjector(std::optional<std::string> token)
      : initial_token_(token), token_(std::move(token)) {}

  // Consulted once per API request (not for /_test/): consumes the "next N" counters.
  Verdict OnRequest();

  void FailNext(int code, int count, int retry_after_seconds);
  void FailFor(int code, std::chrono::milliseconds duration, int retry_after_seconds);
  void Stall(std::chrono::milliseconds delay, int count);  // count <= 0: every request until cleared
  void SetToken(std::optional<std::string> token);
  std::optional<std::string> Token() const;
  void Reset();  // no failures, no stall, the token given at startup

 private:
  mutable std::mutex mu_;
  std::optional<std::string> initial_token_;
  std::optional<std::string> token_;
  int fail_code_ = 0;
  int fail_count_ = 0;
  std::optional<Clock::time_point> fail_until_;
  int retry_after_seconds_ = 0;
  std::chrono::milliseconds stall_{0};
  int stall_count_ = 0;  // remaining stalled requests; -1 = unlimited
};

// The error a failing request gets for `code` (a metav1.Status with the matching reason).
ApiError InjectedError(int code, int retry_after_seconds);

}  // namespace kic::kubefake
