#pragma once

#include "kong/admin/client_options.h"
#include "kong/admin/retry_policy.h"

namespace kic::kong::admin::testing {

// Millisecond backoff so that retry tests stay fast.
inline RetryPolicy FastRetry(int max_attempts = 4) {
  RetryPolicy policy;
  policy.max_attempts = max_attempts;
  policy.initial_delay = std::chrono::milliseconds(2);
  policy.max_delay = std::chrono::milliseconds(10);
  return policy;
}

inline ClientOptions ClientFor(const std::string& base_url) {
  ClientOptions options;
  options.base_url = base_url;
  options.connect_timeout = std::chrono::milliseconds(2000);
  options.request_timeout = std::chrono::milliseconds(5000);
  return options;
}

}  // namespace kic::kong::admin::testing
