#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "controller/controller_metrics.h"
#include "controller/diagnostics.h"
#include "controller/event_sink.h"
#include "kong/admin/plugin_schemas.h"
#include "kong/admin/sender.h"
#include "kong/config.h"
#include "kong/config_body.h"
#include "kube/client/events.h"
#include "kube/store.h"
#include "translate/certificates.h"
#include "translate/fallback.h"
#include "translate/options.h"
#include "translate/status.h"
#include "translate/upstream_targets.h"

namespace kic::controller {

struct SyncEngineOptions {
  translate::Options translate;
  bool fallback_configuration = false;  // FallbackConfiguration gate: push a config without broken objects
  bool force_push = false;              // --enable-reverse-sync
  // Keep the accepted kong::Config itself (kic sync-once prints it). Off for kic run: the model of a
  // big cluster is tens of MB, and only the payload and the configured Ingresses are needed later.
  bool keep_accepted_config = false;
  // --use-last-valid-config-for-fallback: the fallback puts back the last accepted version of what it
  // leaves out (the engine then keeps that store snapshot: pointers to shared objects, not copies).
  bool backfill_from_last_valid = false;
  kong::admin::RetryPolicy retry;
  std::optional<kube::client::ObjectRef> pod;  // the controller's own Pod, for push Events
  // Called with the payload size right before a config is handed to the sender (tracing, benchmarks).
  std::function<void(size_t bytes)> before_push;
};

// What one sync did.
struct SyncOutcome {
  enum class Result {
    kApplied,          // every instance has the full config
    kFallbackApplied,  // Kong rejected objects; every instance has the config without them
    kKeptLastGood,     // Kong rejected the config (and the fallback); instances keep the last good one
    kFailed,           // some instance could not be reached (after retries): try again later
  };
  Result result = Result::kFailed;
  std::vector<translate::BrokenObject> broken;  // objects Kong rejected
  size_t translation_problems = 0;
  bool changed = false;  // something was POSTed (not every instance was already up to date)
  std::string summary;   // one line for logs

  bool NeedsRetry() const { return result == Result::kFailed; }
};

// New targets for some upstreams of the last applied configuration, by upstream index.
struct TargetsUpdate {
  std::vector<std::pair<size_t, std::vector<kong::Target>>> upstreams;
};

// One sync step, the part `kic run` and `kic sync-once` share: translate the store, push the
// result to every instance, and on rejection report the culprits, push the fallback, or keep the
// last good configuration. Never pushes an empty or partial config because Kong failed: the
// only configs sent are full translations, fallbacks built from them, and the last good one.
// Not thread-safe: one engine per sync loop.
class SyncEngine {
 public:
  SyncEngine(SyncEngineOptions options, EventSink* events = nullptr, ControllerMetrics* metrics = nullptr,
             ConfigDumps* dumps = nullptr);

  SyncOutcome Sync(const kube::Store& store, std::span<const kong::admin::AdminClient> clients);
  // The same, for a snapshot the engine may keep as the last good one instead of copying it.
  SyncOutcome Sync(std::shared_ptr<const kube::Store> store,
                   std::span<const kong::admin::AdminClient> clients);

  // The fast path for EndpointSlice-only changes (Pods scaling, readiness): after a full config was
  // applied, recompute just the targets of the upstreams whose backends are among `services`
  // ("ns/name"), with the code the full translation uses. PlanTargets reads the store (call it with
  // the store locked; it is quick); nullopt when there is nothing to patch (a full Sync is needed).
  std::optional<TargetsUpdate> PlanTargets(const kube::Store& store,
                                           const std::set<std::string>& services) const;
  // Pushes the last applied configuration with `update` in it. nullopt when a full Sync must decide
  // instead (Kong rejected the patched config: the full path reports culprits and falls back).
  std::optional<SyncOutcome> SyncTargets(const TargetsUpdate& update,
                                         std::span<const kong::admin::AdminClient> clients);
  // Nothing changed since the last full config was applied: check every instance still has it (a
  // restarted Kong gets it back) without translating again. nullopt when a full Sync is needed.
  std::optional<SyncOutcome> Recheck(std::span<const kong::admin::AdminClient> clients);

  // Kong's router flavor decides the route form; learnt from the instances after start.
  void SetExpressionRoutes(bool on) { options_.translate.flags.expression_routes = on; }
  // An instance left the set: forget what it had, so that if it comes back it gets a full push.
  void ForgetInstance(const std::string& base_url) { sender_.Forget(base_url); }
  // After losing and regaining leadership nothing is known about what Kong holds.
  void ForgetAllInstances(std::span<const kong::admin::AdminClient> clients);

  // The last configuration every instance accepted (full or fallback), if any and if kept
  // (SyncEngineOptions::keep_accepted_config).
  const std::optional<kong::Config>& last_good_config() const { return last_good_config_; }
  // The status (Gateway API) the translation behind the last good configuration computed.
  const std::vector<translate::StatusUpdate>& last_good_statuses() const { return last_good_statuses_; }
  // Ingresses ("ns/name", sorted) that have routes in the last good configuration. Shared, never
  // changed: the status writer keeps the same list rather than a copy of 10k names.
  std::shared_ptr<const std::vector<std::string>> ConfiguredIngresses() const {
    return configured_ingresses_;
  }

 private:
  struct Attempt {
    std::optional<kong::Config> config;  // only with keep_accepted_config: the body is made from it
    std::vector<std::string> configured_ingresses;  // "ns/name" of the Ingresses that got routes, sorted
    std::vector<translate::StatusUpdate> statuses;
    std::vector<translate::TargetRecipe> recipes;  // by upstream index in the body
    std::shared_ptr<const kong::ConfigBody> body;
    kong::admin::ConfigPayload payload;
    kong::admin::PushReport report;
  };
  // What the fast paths need from the last full configuration every instance applied.
  struct PatchBase {
    std::shared_ptr<const kong::ConfigBody> body;  // shared with last_good_payload_
    std::vector<translate::TargetRecipe> recipes;  // by upstream index; no backends: nothing to recompute
    std::unordered_map<std::string, std::vector<size_t>> upstreams_by_service;  // "ns/name" -> indexes
    bool expression_routes = false;  // the route form it was translated with
  };
  Attempt TranslateAndPush(const kube::Store& store, std::span<const kong::admin::AdminClient> clients,
                           bool fallback, std::vector<Problem>* problems);
  // Translates and serializes, without pushing; `counted` records the translation in the metrics.
  Attempt Build(const kube::Store& store, std::span<const kong::admin::AdminClient> clients, bool fallback,
                std::vector<Problem>* problems, bool counted);
  void ReportPush(const kong::admin::PushReport& report, size_t broken, bool fallback);
  void ReportTranslationProblems(const kube::Store& store, const std::vector<Problem>& problems,
                                 bool fallback);
  std::vector<translate::BrokenObject> ReportRejections(const kube::Store& store,
                                                        const kong::admin::PushReport& report);
  void Accept(Attempt& attempt, std::shared_ptr<const kube::Store> store);
  // The last good config rebuilt from its snapshot has the targets of that time; EndpointSlice
  // patches applied since (and Pods gone since) are in `store`, the one being synced.
  void WithCurrentTargets(Attempt& attempt, const kube::Store& store) const;
  // The payload every instance now holds, and its hash (kept when the payload is let go).
  void KeepLastGood(kong::admin::ConfigPayload payload);
  void KeepPatchBase(Attempt& attempt);
  bool PatchBaseCurrent() const;
  void EmitOnPod(std::string_view type, std::string_view reason, const std::string& message);

  SyncEngineOptions options_;
  EventSink* events_;
  ControllerMetrics* metrics_;
  ConfigDumps* dumps_;
  kong::admin::ConfigSender sender_;
  translate::KeyPairCache key_pairs_;
  kong::admin::PluginSchemaCache plugin_schemas_;  // per instance URL; all instances run one Kong version
  std::optional<kong::Config> last_good_config_;
  std::optional<kong::admin::ConfigPayload> last_good_payload_;
  std::string last_good_hash_;           // of the last good body, also while that body is let go
  std::optional<PatchBase> patch_base_;  // only while the last sync applied the full configuration
  std::vector<translate::StatusUpdate> last_good_statuses_;
  std::shared_ptr<const std::vector<std::string>> configured_ingresses_ =
      std::make_shared<const std::vector<std::string>>();
  // The snapshot behind the last good configuration (pointer copies): backfill takes objects from
  // it, and the last good body is rebuilt from it when a sync let it go and instances need it back.
  std::shared_ptr<const kube::Store> last_good_store_;
  std::vector<Problem> last_problems_;  // translation problems already reported as Events
};

// "ns/name" of the Ingresses that have routes in `config` (they get status.loadBalancer), sorted.
std::vector<std::string> IngressesWithRoutes(const kong::Config& config);

// Instances whose outcome was not a success, as a subset of `clients`.
std::vector<kong::admin::AdminClient> FailedClients(std::span<const kong::admin::AdminClient> clients,
                                                    const kong::admin::PushReport& report);

}  // namespace kic::controller
