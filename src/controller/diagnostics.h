#pragma once

#include <mutex>
#include <optional>
#include <string>

namespace kic::controller {

// The configs behind /debug/config/successful|failed|fallback: the last one Kong accepted, the
// last one it rejected, and the last fallback built. Stored redacted unless `sensitive`.
class ConfigDumps {
 public:
  explicit ConfigDumps(bool sensitive = false) : sensitive_(sensitive) {}

  void SetSuccessful(const std::string& config_json) { Store(successful_, config_json); }
  void SetFailed(const std::string& config_json) { Store(failed_, config_json); }
  void SetFallback(const std::string& config_json) { Store(fallback_, config_json); }
  void SetRawError(std::string error) {
    std::lock_guard lock(mu_);
    raw_error_ = std::move(error);
  }

  // "successful", "failed", "fallback", "raw-error"; nullopt when nothing is known (yet).
  std::optional<std::string> Get(const std::string& which) const;

 private:
  void Store(std::optional<std::string>& slot, const std::string& config_json);

  const bool sensitive_;
  mutable std::mutex mu_;
  std::optional<std::string> successful_, failed_, fallback_, raw_error_;
};

}  // namespace kic::controller
