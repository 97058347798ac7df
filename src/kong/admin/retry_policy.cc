#include "kong/admin/retry_policy.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace kic::kong::admin {

std::chrono::milliseconds RetryDelay(const RetryPolicy& policy, int next_attempt,
                                     std::string_view retry_after, std::mt19937& random) {
  const double base = static_cast<double>(policy.initial_delay.count()) *
                      std::pow(policy.multiplier, std::max(0, next_attempt - 2));
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  std::uniform_real_distribution<double> spread(1.0 - jitter, 1.0 + jitter);
  double delay_ms = std::min(base, static_cast<double>(policy.max_delay.count())) * spread(random);

  long long retry_after_seconds = 0;
  const auto [end, ec] =
      std::from_chars(retry_after.data(), retry_after.data() + retry_after.size(), retry_after_seconds);
  if (ec == std::errc() && end != retry_after.data() && retry_after_seconds > 0)
    delay_ms = std::max(delay_ms, static_cast<double>(retry_after_seconds) * 1000.0);

  delay_ms = std::clamp(delay_ms, 0.0, static_cast<double>(policy.max_delay.count()));
  return std::chrono::milliseconds(static_cast<long long>(delay_ms));
}

}  // namespace kic::kong::admin
