#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kong/admin/sender.h"

namespace kic::controller {

// The configs behind /debug/config/successful|failed|fallback: the last one Kong accepted, the
// last one it rejected, and the last fallback built. Served redacted unless `sensitive`.
// The bodies are the payloads' own shared bytes: a sync costs no copy of megabytes, and the
// redaction runs when somebody asks.
class ConfigDumps {
 public:
  using Body = kong::admin::ConfigPayload;
  explicit ConfigDumps(bool sensitive = false) : sensitive_(sensitive) {}

  void SetSuccessful(Body config_json) { Store(successful_, std::move(config_json)); }
  void SetFailed(Body config_json) { Store(failed_, std::move(config_json)); }
  void SetFallback(Body config_json) { Store(fallback_, std::move(config_json)); }
  void SetRawError(std::string error) {
    std::lock_guard lock(mu_);
    raw_error_ = std::move(error);
  }

  // "successful", "failed", "fallback", "raw-error"; nullopt when nothing is known (yet).
  std::optional<std::string> Get(const std::string& which) const;

 private:
  void Store(std::optional<Body>& slot, Body config_json);

  const bool sensitive_;
  mutable std::mutex mu_;
  std::optional<Body> successful_, failed_, fallback_;
  std::optional<std::string> raw_error_;
};

}  // namespace kic::controller
