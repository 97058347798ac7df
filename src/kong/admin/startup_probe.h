#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "kong/admin/client.h"

namespace kic::kong::admin {

// KIC --kong-admin-init-retries / --kong-admin-init-retry-delay.
struct StartupProbeOptions {
  int retries = 60;
  std::chrono::milliseconds retry_delay{1000};
};

struct StartupProbeResult {
  std::optional<RootInfo> info;  // set when Kong answered and is compatible
  std::string error;             // the last failure, or why this Kong cannot be used
  int attempts = 0;
  bool Ok() const { return info.has_value() && error.empty(); }
};

// Waits for `GET /` to answer (unreachable Kong and non-200 answers are retried), then checks the version
// (>= 3.4.1) and database mode. An incompatible Kong fails at once: retrying would not change it.
StartupProbeResult ProbeKongAtStartup(const AdminClient& client, const StartupProbeOptions& options);

}  // namespace kic::kong::admin
