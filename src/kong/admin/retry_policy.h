#pragma once

#include <chrono>
#include <random>
#include <string_view>

namespace kic::kong::admin {

// Bounded exponential backoff with jitter for transient Admin API failures (connection refused, timeouts,
// 5xx, 429, 413). Tests shrink the delays to milliseconds.
struct RetryPolicy {
  int max_attempts = 4;  // POSTs per instance per push, first one included
  std::chrono::milliseconds initial_delay{500};
  std::chrono::milliseconds max_delay{5000};
  double multiplier = 2.0;
  double jitter = 0.2;  // each delay is scaled by a random factor in [1 - jitter, 1 + jitter]
};

// Delay before attempt `next_attempt` (2 = first retry). `retry_after` is Kong's Retry-After header
// (seconds), honoured but capped at max_delay.
std::chrono::milliseconds RetryDelay(const RetryPolicy& policy, int next_attempt,
                                     std::string_view retry_after, std::mt19937& random);

}  // namespace kic::kong::admin
