#include "controller/sync_engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "kong/admin/flat_errors.h"
#include "kong/plugin_defaults.h"
#include "kong/serialize.h"
#include "translate/translator.h"

namespace kic::controller {
namespace {

using kong::admin::AdminClient;
using kong::admin::PushOutcome;
using kong::admin::PushReport;
using Clock = std::chrono::steady_clock;

std::chrono::milliseconds Since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

std::string FailureReason(const kong::admin::InstancePushResult& result) {
  if (result.Succeeded()) return "";
  return result.http_status == 0 ? "network" : "other";
}

bool AnyRejected(const PushReport& report) {
  return std::any_of(report.instances.begin(), report.instances.end(),
                     [](const auto& r) { return r.outcome == PushOutcome::kRejected; });
}

bool AnyPosted(const PushReport& report) {
  return std::any_of(report.instances.begin(), report.instances.end(),
                     [](const auto& r) { return !r.skipped; });
}

// The payload shares the body's pieces and keeps the body alive.
kong::admin::ConfigPayload PayloadOf(std::shared_ptr<const kong::ConfigBody> body) {
  kong::admin::ConfigPayload payload;
  payload.size = body->size();
  payload.hash = body->digest();
  payload.pieces = std::shared_ptr<const std::vector<std::string_view>>(body, &body->pieces());
  return payload;
}

// `body` with the targets of `update` in place of its own; nullopt when they are what it has.
std::optional<kong::ConfigBody> WithTargets(const kong::ConfigBody& body, const TargetsUpdate& update) {
  std::vector<std::pair<size_t, std::string>> sections;
  sections.reserve(update.upstreams.size());
  for (const auto& [index, targets] : update.upstreams)
    sections.emplace_back(index, kong::TargetsSectionJson(targets));
  return body.WithTargetsSections(std::move(sections));
}

// What outlives a sync is copied, not moved, out of the translation once its scratch is freed: the
// copies fill holes low in the heap, and the pages the originals pinned among the scratch can go
// back to the kernel (ReleaseFreedHeap). Between syncs of a 10k-Ingress cluster that is 74 MB of
// RSS instead of 96, for a copy of a few MB.
template <class T>
T Compacted(T& from) {
  T copy(from);
  from = T{};
  return copy;
}

std::string ProblemText(const Problem& problem) {
  return problem.field.empty() ? problem.message : problem.field + ": " + problem.message;
}

}  // namespace

std::vector<AdminClient> FailedClients(std::span<const AdminClient> clients, const PushReport& report) {
  std::vector<AdminClient> failed;
  for (size_t i = 0; i < clients.size() && i < report.instances.size(); ++i) {
    if (!report.instances[i].Succeeded()) failed.push_back(clients[i]);
  }
  return failed;
}

SyncEngine::SyncEngine(SyncEngineOptions options, EventSink* events, ControllerMetrics* metrics,
                       ConfigDumps* dumps)
    : options_(std::move(options)),
      events_(events),
      metrics_(metrics),
      dumps_(dumps),
      sender_(options_.retry) {}

void SyncEngine::ForgetAllInstances(std::span<const AdminClient> clients) {
  for (const auto& client : clients) sender_.Forget(client.base_url());
}

SyncEngine::Attempt SyncEngine::TranslateAndPush(const kube::Store& store,
                                                 std::span<const AdminClient> clients, bool fallback,
                                                 std::vector<Problem>* problems) {
  Attempt attempt = Build(store, clients, fallback, problems, /*counted=*/true);
  if (options_.before_push) options_.before_push(attempt.payload.size);
  attempt.report = sender_.Push(clients, attempt.payload, {.force = options_.force_push});
  return attempt;
}

SyncEngine::Attempt SyncEngine::Build(const kube::Store& store, std::span<const AdminClient> clients,
                                      bool fallback, std::vector<Problem>* problems, bool counted) {
  const auto started = Clock::now();
  auto translated = translate::Translate(store, options_.translate, &key_pairs_);
  if (metrics_ && counted)
    metrics_->RecordTranslation(translated.problems.empty(), translated.problems.size(), Since(started),
                                fallback);
  if (problems) *problems = std::move(translated.problems);
  Attempt attempt;
  auto& config = translated.config;
  attempt.statuses = std::move(translated.statuses);
  // As KIC's deckgen: plugin configs get the defaults of Kong's plugin schemas before a push.
  if (!clients.empty()) {
    const AdminClient& schema_source = clients.front();
    kong::FillPluginDefaults(config, [&](const std::string& plugin) {
      return plugin_schemas_.Get(schema_source, schema_source.base_url(), plugin);
    });
  }
  // What later steps need from the config is taken now: the body is made by consuming it.
  attempt.configured_ingresses = IngressesWithRoutes(config);
  attempt.recipes.resize(config.upstreams.size());
  for (size_t i = 0; i < config.upstreams.size(); ++i) {
    auto recipe = translated.target_recipes.find(config.upstreams[i].name);
    if (recipe != translated.target_recipes.end()) attempt.recipes[i] = std::move(recipe->second);
  }
  translated.target_recipes.clear();
  if (options_.keep_accepted_config) {
    attempt.body = std::make_shared<const kong::ConfigBody>(kong::ConfigBody::Serialize(config));
    attempt.config = std::move(config);
  } else {
    attempt.body = std::make_shared<const kong::ConfigBody>(kong::ConfigBody::Serialize(std::move(config)));
  }
  attempt.payload = PayloadOf(attempt.body);
  return attempt;
}

SyncOutcome SyncEngine::Sync(const kube::Store& store, std::span<const AdminClient> clients) {
  return Sync(std::make_shared<const kube::Store>(store), clients);
}

SyncOutcome SyncEngine::Sync(std::shared_ptr<const kube::Store> snapshot,
                             std::span<const AdminClient> clients) {
  const kube::Store& store = *snapshot;
  SyncOutcome outcome;
  if (clients.empty()) {
    outcome.summary = "no Kong instance to configure";
    return outcome;
  }
  // Whatever happens next, the fast paths start again from this sync's outcome. The last good body
  // is let go too: a full translation holds a new config and body, and the old body beside them
  // would be the peak's largest part. When instances must get it back, it is rebuilt from the
  // snapshot it came from (last_good_store_), which gives the same bytes.
  patch_base_.reset();
  last_good_payload_.reset();
  std::vector<Problem> problems;
  auto attempt = TranslateAndPush(store, clients, /*fallback=*/false, &problems);
  outcome.translation_problems = problems.size();
  outcome.changed = AnyPosted(attempt.report);
  ReportTranslationProblems(store, problems, /*fallback=*/false);
  outcome.broken = ReportRejections(store, attempt.report);
  ReportPush(attempt.report, outcome.broken.size(), /*fallback=*/false);

  if (attempt.report.AllSucceeded()) {
    KeepPatchBase(attempt);
    Accept(attempt, std::move(snapshot));
    outcome.result = SyncOutcome::Result::kApplied;
    outcome.summary = outcome.changed ? "configuration applied" : "configuration unchanged";
    return outcome;
  }
  if (dumps_) dumps_->SetFailed(attempt.payload);
  if (!AnyRejected(attempt.report)) {
    outcome.summary = "some Kong instances could not be reached; will retry";
    return outcome;
  }

  auto failed = FailedClients(clients, attempt.report);
  if (options_.fallback_configuration && !outcome.broken.empty()) {
    const auto started = Clock::now();
    std::vector<translate::BrokenObject> excluded;
    auto without_broken = translate::WithoutBroken(store, outcome.broken, &excluded);
    size_t backfilled = 0;
    if (options_.backfill_from_last_valid && last_good_store_)
      backfilled = translate::BackfillFromLastValid(without_broken, *last_good_store_, excluded);
    if (metrics_) metrics_->RecordFallbackCacheGeneration(Since(started));
    auto fallback = TranslateAndPush(without_broken, failed, /*fallback=*/true, nullptr);
    ReportPush(fallback.report, outcome.broken.size(), /*fallback=*/true);
    if (dumps_) dumps_->SetFallback(fallback.payload);
    if (fallback.report.AllSucceeded()) {
      Accept(fallback, std::make_shared<const kube::Store>(std::move(without_broken)));
      outcome.result = SyncOutcome::Result::kFallbackApplied;
      outcome.summary =
          "Kong rejected " + std::to_string(outcome.broken.size()) +
          " object(s); fallback configuration without " + std::to_string(excluded.size()) +
          " object(s) applied" +
          (backfilled ? " (" + std::to_string(backfilled) + " back in their last accepted version)" : "");
      return outcome;
    }
    failed = FailedClients(failed, fallback.report);
  }

  outcome.result = SyncOutcome::Result::kKeptLastGood;
  outcome.summary = "Kong rejected the configuration";
  if (last_good_store_) {
    // Instances that still hold the last good config keep it; only when one lost it (a restart) is
    // its body rebuilt, from the snapshot it came from, and pushed to those that need it.
    const auto lacking = sender_.Lacking(failed, last_good_hash_);
    if (lacking.empty()) {
      outcome.summary += "; instances keep the last good configuration";
      return outcome;
    }
    auto last_good = Build(*last_good_store_, lacking, /*fallback=*/false, nullptr, /*counted=*/false);
    WithCurrentTargets(last_good, store);
    const auto restore = sender_.Push(lacking, last_good.payload, {});
    if (!restore.AllSucceeded()) {
      outcome.result = SyncOutcome::Result::kFailed;
      outcome.summary += "; restoring the last good configuration failed";
    } else {
      outcome.summary += "; instances keep the last good configuration";
      KeepLastGood(std::move(last_good.payload));
    }
  } else {
    outcome.summary += "; no configuration was accepted yet";
  }
  return outcome;
}

void SyncEngine::WithCurrentTargets(Attempt& attempt, const kube::Store& store) const {
  TargetsUpdate update;
  for (size_t i = 0; i < attempt.recipes.size() && i < attempt.body->upstream_count(); ++i) {
    if (attempt.recipes[i].backends.empty()) continue;
    update.upstreams.emplace_back(i, translate::BuildTargets(store, options_.translate, attempt.recipes[i]));
  }
  auto patched = WithTargets(*attempt.body, update);
  if (!patched) return;
  attempt.body = std::make_shared<const kong::ConfigBody>(std::move(*patched));
  attempt.payload = PayloadOf(attempt.body);
}

void SyncEngine::KeepLastGood(kong::admin::ConfigPayload payload) {
  last_good_hash_ = payload.hash;
  last_good_payload_ = std::move(payload);
}

void SyncEngine::KeepPatchBase(Attempt& attempt) {
  PatchBase base;
  base.expression_routes = options_.translate.flags.expression_routes;
  for (size_t i = 0; i < attempt.recipes.size(); ++i) {
    for (const auto& backend : attempt.recipes[i].backends) {
      auto& indexes = base.upstreams_by_service[backend.ns + "/" + backend.service];
      if (indexes.empty() || indexes.back() != i) indexes.push_back(i);
    }
  }
  base.recipes = Compacted(attempt.recipes);
  base.body = std::move(attempt.body);
  patch_base_ = std::move(base);
}

bool SyncEngine::PatchBaseCurrent() const {
  return patch_base_ && last_good_payload_ &&
         patch_base_->expression_routes == options_.translate.flags.expression_routes;
}

std::optional<TargetsUpdate> SyncEngine::PlanTargets(const kube::Store& store,
                                                     const std::set<std::string>& services) const {
  if (!PatchBaseCurrent()) return std::nullopt;
  std::set<size_t> upstreams;
  for (const auto& service : services) {
    const auto found = patch_base_->upstreams_by_service.find(service);
    if (found != patch_base_->upstreams_by_service.end())
      upstreams.insert(found->second.begin(), found->second.end());
  }
  TargetsUpdate update;
  for (const size_t i : upstreams)
    update.upstreams.emplace_back(
        i, translate::BuildTargets(store, options_.translate, patch_base_->recipes[i]));
  return update;
}

std::optional<SyncOutcome> SyncEngine::SyncTargets(const TargetsUpdate& update,
                                                   std::span<const AdminClient> clients) {
  if (!PatchBaseCurrent() || clients.empty()) return std::nullopt;
  const auto started = Clock::now();
  const size_t upstream_count = patch_base_->body->upstream_count();
  if (std::any_of(update.upstreams.begin(), update.upstreams.end(),
                  [&](const auto& upstream) { return upstream.first >= upstream_count; }))
    return std::nullopt;
  SyncOutcome outcome;
  auto patched = WithTargets(*patch_base_->body, update);
  if (metrics_) metrics_->RecordTranslation(true, 0, Since(started), /*fallback=*/false);
  if (!patched) {
    outcome.result = SyncOutcome::Result::kApplied;
    outcome.summary = "configuration unchanged";
    return outcome;
  }
  auto body = std::make_shared<const kong::ConfigBody>(std::move(*patched));
  auto payload = PayloadOf(body);
  if (options_.before_push) options_.before_push(payload.size);
  const auto report = sender_.Push(clients, payload, {.force = options_.force_push});
  outcome.changed = AnyPosted(report);
  if (AnyRejected(report)) return std::nullopt;  // the full path finds the culprits and falls back
  ReportPush(report, 0, /*fallback=*/false);
  if (!report.AllSucceeded()) {
    // Unreachable instances: the retry is a full sync, which knows nothing of this patch.
    patch_base_.reset();
    outcome.summary = "some Kong instances could not be reached; will retry";
    return outcome;
  }
  if (dumps_) dumps_->SetSuccessful(payload);
  patch_base_->body = std::move(body);
  KeepLastGood(std::move(payload));
  outcome.result = SyncOutcome::Result::kApplied;
  outcome.summary = "targets of " + std::to_string(update.upstreams.size()) + " upstream(s) applied";
  return outcome;
}

std::optional<SyncOutcome> SyncEngine::Recheck(std::span<const AdminClient> clients) {
  if (!PatchBaseCurrent() || clients.empty()) return std::nullopt;
  if (options_.before_push) options_.before_push(last_good_payload_->size);
  const auto report = sender_.Push(clients, *last_good_payload_, {.force = options_.force_push});
  if (!report.AllSucceeded()) return std::nullopt;
  ReportPush(report, 0, /*fallback=*/false);
  SyncOutcome outcome;
  outcome.result = SyncOutcome::Result::kApplied;
  outcome.changed = AnyPosted(report);
  outcome.summary = outcome.changed ? "configuration restored" : "configuration unchanged";
  return outcome;
}

void SyncEngine::Accept(Attempt& attempt, std::shared_ptr<const kube::Store> store) {
  last_good_store_ = std::move(store);
  if (dumps_) dumps_->SetSuccessful(attempt.payload);
  KeepLastGood(std::move(attempt.payload));
  configured_ingresses_ =
      std::make_shared<const std::vector<std::string>>(Compacted(attempt.configured_ingresses));
  if (attempt.config) last_good_config_ = std::move(attempt.config);
  last_good_statuses_ = Compacted(attempt.statuses);
}

void SyncEngine::ReportPush(const PushReport& report, size_t broken, bool fallback) {
  for (const auto& instance : report.instances) {
    if (metrics_ && !instance.skipped)
      metrics_->RecordPush(instance.base_url, instance.Succeeded(), FailureReason(instance),
                           report.config_bytes, broken, instance.duration, fallback);
    if (instance.outcome == PushOutcome::kApplied) {
      EmitOnPod("Normal", fallback ? kReasonFallbackSucceeded : kReasonSucceeded,
                "successfully applied Kong configuration to " + instance.base_url);
    } else if (!instance.Succeeded()) {
      spdlog::warn("pushing the {}configuration to {} failed: {}", fallback ? "fallback " : "",
                   instance.base_url, instance.error);
      EmitOnPod("Warning", fallback ? kReasonFallbackApplyFailed : kReasonApplyFailed,
                "failed to apply Kong configuration to " + instance.base_url + ": " + instance.error);
    }
  }
}

void SyncEngine::ReportTranslationProblems(const kube::Store& store, const std::vector<Problem>& problems,
                                           bool fallback) {
  // The same problems on every resync would only bump Event counts: report when they change.
  if (!fallback && problems == last_problems_) return;
  if (!fallback) last_problems_ = problems;
  for (const auto& problem : problems) {
    spdlog::warn("translation: {}", problem.ToString());
    std::string kind, ns, name;
    if (!events_ || !ParseProblemObject(problem.object, kind, ns, name)) continue;
    if (const auto ref = FindObjectRef(store, kind, ns, name))
      events_->Emit(*ref, "Warning", fallback ? kReasonFallbackTranslationFailed : kReasonTranslationFailed,
                    ProblemText(problem));
  }
}

std::vector<translate::BrokenObject> SyncEngine::ReportRejections(const kube::Store& store,
                                                                  const PushReport& report) {
  std::vector<translate::BrokenObject> broken;
  for (const auto& problem : report.Problems()) {
    const auto& object = problem.object;
    if (object.kind.empty() || object.name.empty()) continue;
    translate::BrokenObject b{object.kind, object.namespace_, object.name};
    if (std::find(broken.begin(), broken.end(), b) == broken.end()) broken.push_back(b);
    spdlog::warn("Kong rejected {}: {}", object.ToString(), problem.EventMessage());
    if (!events_ || !object.CanReceiveEvent()) continue;
    auto ref = FindObjectRef(store, object.kind, object.namespace_, object.name);
    if (!ref) {
      ref = kube::client::ObjectRef{object.kind, object.namespace_,   object.name,
                                    object.uid,  object.ApiVersion(), ""};
    }
    events_->Emit(*ref, "Warning", kReasonApplyFailed, problem.EventMessage());
  }
  return broken;
}

void SyncEngine::EmitOnPod(std::string_view type, std::string_view reason, const std::string& message) {
  if (events_ && options_.pod) events_->Emit(*options_.pod, type, reason, message);
}

std::vector<std::string> IngressesWithRoutes(const kong::Config& config) {
  std::vector<std::string> ingresses;
  for (const auto& service : config.services) {
    for (const auto& route : service.routes) {
      const auto identity = kong::admin::IdentityFromTags(route.tags);
      if (identity.kind == "Ingress" && !identity.name.empty())
        ingresses.push_back(identity.namespace_ + "/" + identity.name);
    }
  }
  std::sort(ingresses.begin(), ingresses.end());
  ingresses.erase(std::unique(ingresses.begin(), ingresses.end()), ingresses.end());
  return ingresses;
}

}  // namespace kic::controller
