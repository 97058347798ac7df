#include "controller/diagnostics.h"

#include "controller/redact.h"

namespace kic::controller {

void ConfigDumps::Store(std::optional<std::string>& slot, const std::string& config_json) {
  auto value = sensitive_ ? config_json : RedactConfigJson(config_json);
  std::lock_guard lock(mu_);
  slot = std::move(value);
}

std::optional<std::string> ConfigDumps::Get(const std::string& which) const {
  std::lock_guard lock(mu_);
  if (which == "successful") return successful_;
  if (which == "failed") return failed_;
  if (which == "fallback") return fallback_;
  if (which == "raw-error") return raw_error_;
  return std::nullopt;
}

}  // namespace kic::controller
