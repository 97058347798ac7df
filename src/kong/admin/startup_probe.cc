#include "kong/admin/startup_probe.h"

#include <thread>

namespace kic::kong::admin {

StartupProbeResult ProbeKongAtStartup(const AdminClient& client, const StartupProbeOptions& options) {
  StartupProbeResult result;
  const int attempts = options.retries < 1 ? 1 : options.retries;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    result.attempts = attempt;
    RootResponse root = client.GetRoot();
    if (root.info) {
      result.error = CheckKongCompatibility(*root.info);
      result.info = std::move(root.info);
      return result;
    }
    result.error = std::move(root.error);
    if (attempt < attempts) std::this_thread::sleep_for(options.retry_delay);
  }
  result.error = "Kong Admin API " + client.base_url() + " not ready after " +
                 std::to_string(result.attempts) + " attempts: " + result.error;
  return result;
}

}  // namespace kic::kong::admin
