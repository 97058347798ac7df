#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kong/admin/client.h"
#include "kong/admin/flat_errors.h"
#include "kong/admin/retry_policy.h"

namespace kic::kong::admin {

// One serialized declarative config and the hash the sender uses to detect changes (never sent to
// Kong). The body comes in consecutive pieces (see HttpExchange), shared and immutable: the last
// good payload, the one being pushed and the diagnostics dumps hold the same bytes, and a body
// patched in a few places shares the rest with the one it came from.
struct ConfigPayload {
  // The pointer also keeps what the pieces point into alive (an aliasing shared_ptr).
  std::shared_ptr<const std::vector<std::string_view>> pieces =
      std::make_shared<const std::vector<std::string_view>>();
  size_t size = 0;
  std::string hash;

  std::string Text() const;  // the body in one string (diagnostics, tests)
  // One piece, hashed with SHA-256 over the whole body (KIC's way).
  static ConfigPayload FromBody(std::string body);
};

enum class PushOutcome {
  kApplied,    // Kong answered 201
  kUnchanged,  // Kong answered 304, or the push was skipped because this instance already has the config
  kRejected,   // Kong answered 400: the config is invalid (see entity_errors)
  kFailed,     // Kong unreachable or answering errors after all retries, or a non-retriable status
};

std::string_view ToString(PushOutcome outcome);

struct InstancePushResult {
  std::string base_url;
  PushOutcome outcome = PushOutcome::kFailed;
  bool skipped = false;  // unchanged without any POST
  long http_status = 0;  // of the last POST; 0 when none got an answer
  int attempts = 0;      // POSTs made
  std::chrono::milliseconds duration{0};
  std::string error;         // go-kong/KIC wording; empty when Succeeded()
  std::string kong_message;  // Kong's own "message" from an error body
  std::vector<FlatEntityError> entity_errors;

  bool Succeeded() const { return outcome == PushOutcome::kApplied || outcome == PushOutcome::kUnchanged; }
};

// Everything a push did, shaped for metrics (duration, size, success per instance) and Events.
struct PushReport {
  std::string hash;
  size_t config_bytes = 0;
  std::chrono::milliseconds duration{0};
  std::vector<InstancePushResult> instances;  // in the order of the clients given

  bool AllSucceeded() const;
  // Problems from every rejecting instance (duplicates across instances kept: one per instance).
  std::vector<EntityProblem> Problems() const;
};

struct PushOptions {
  bool force = false;  // push even when the hash is unchanged (KIC --enable-reverse-sync)
};

// Pushes DB-less configs to a set of Kong instances and remembers, per instance (base URL), the hash of the
// last config it accepted.
//
// Concurrency: all instances are driven from the calling thread through one curl multi handle; each instance
// is a small state machine (status check -> POST -> wait for backoff -> POST ...). That keeps every transfer
// concurrent without threads or locks, and a slow or dead instance delays only its own result.
// Push is not reentrant: one ConfigSender belongs to one sync loop.
class ConfigSender {
 public:
  explicit ConfigSender(RetryPolicy policy = {}, std::uint32_t seed = std::random_device{}());

  PushReport Push(std::span<const AdminClient> clients, const ConfigPayload& payload,
                  PushOptions options = {});

  // Those of `clients` that may not hold the config `hash`: it is not the last one they accepted
  // here, or their /status reports the empty configuration (a restart), or /status did not answer.
  // Only GET /status, no POST: whether a config must be rebuilt at all is known before building it.
  std::vector<AdminClient> Lacking(std::span<const AdminClient> clients, const std::string& hash);

  // The hash `base_url` last accepted, if any.
  std::optional<std::string> AppliedHash(const std::string& base_url) const;
  // Drops what is known about an instance (it left the set, or must be re-pushed).
  void Forget(const std::string& base_url) { applied_hash_.erase(base_url); }

 private:
  RetryPolicy policy_;
  std::mt19937 random_;
  std::map<std::string, std::string> applied_hash_;
};

}  // namespace kic::kong::admin
