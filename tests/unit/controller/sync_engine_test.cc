#include "controller/sync_engine.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "controller/event_sink.h"
#include "fake_kong.h"
#include "test_objects.h"

namespace kic::controller {
namespace {

using kic::testing::FakeKong;
using testing::IngressYaml;
using testing::ServiceYaml;
using testing::SliceYaml;
using testing::StoreOf;

kong::admin::RetryPolicy FastRetry() {
  kong::admin::RetryPolicy policy;
  policy.max_attempts = 2;
  policy.initial_delay = std::chrono::milliseconds(1);
  policy.max_delay = std::chrono::milliseconds(5);
  return policy;
}

std::vector<std::string> RoutePaths(const std::string& config_json) {
  std::vector<std::string> paths;
  const auto config = nlohmann::json::parse(config_json);
  for (const auto& service : config.value("services", nlohmann::json::array()))
    for (const auto& route : service.value("routes", nlohmann::json::array()))
      for (const auto& path : route.value("paths", nlohmann::json::array())) paths.push_back(path);
  std::sort(paths.begin(), paths.end());
  return paths;
}

class SyncEngineTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(kong_.Start()) << kong_.error(); }
  std::vector<kong::admin::AdminClient> Clients() {
    kong::admin::ClientOptions options;
    options.base_url = kong_.base_url();
    options.request_timeout = std::chrono::milliseconds(5000);
    return {kong::admin::AdminClient(options)};
  }
  SyncEngine Engine(bool fallback) {
    SyncEngineOptions options;
    options.fallback_configuration = fallback;
    options.retry = FastRetry();
    options.pod = kube::client::ObjectRef{"Pod", "kong", "kic-0", "", "v1", ""};
    return SyncEngine(options, &events_, &metrics_, &dumps_);
  }
  std::vector<CollectingEventSink::Event> EventsWithReason(std::string_view reason) {
    std::vector<CollectingEventSink::Event> out;
    for (auto& e : events_.events())
      if (e.reason == reason) out.push_back(e);
    return out;
  }

  FakeKong kong_;
  CollectingEventSink events_;
  ControllerMetrics metrics_;
  ConfigDumps dumps_;
};

TEST_F(SyncEngineTest, AppliesThenSkipsUnchangedAndReportsOnPod) {
  auto engine = Engine(false);
  const auto store = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a"));
  auto outcome = engine.Sync(store, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kApplied);
  EXPECT_TRUE(outcome.changed);
  EXPECT_EQ(RoutePaths(kong_.Stats().applied_config), std::vector<std::string>{"/a"});
  ASSERT_EQ(EventsWithReason(kReasonSucceeded).size(), 1u);
  EXPECT_EQ(EventsWithReason(kReasonSucceeded)[0].object.name, "kic-0");
  EXPECT_EQ(EventsWithReason(kReasonSucceeded)[0].message,
            "successfully applied Kong configuration to " + kong_.base_url());
  EXPECT_EQ(*engine.ConfiguredIngresses(), std::vector<std::string>{"default/a"});
  EXPECT_TRUE(dumps_.Get("successful"));

  outcome = engine.Sync(store, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kApplied);
  EXPECT_FALSE(outcome.changed);
  EXPECT_EQ(kong_.Stats().config_posts, 1);
}

TEST_F(SyncEngineTest, RejectedObjectGetsEventAndFallbackKeepsTheRest) {
  auto engine = Engine(true);
  kong_.SetBrokenObjects({{"Ingress", "default", "bad"}}, /*first_post_only=*/false);
  const auto store = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a") +
                             IngressYaml("bad", "/bad"));
  const auto outcome = engine.Sync(store, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kFallbackApplied) << outcome.summary;
  ASSERT_EQ(outcome.broken.size(), 1u);
  EXPECT_EQ(outcome.broken[0].name, "bad");
  EXPECT_EQ(RoutePaths(kong_.Stats().applied_config), std::vector<std::string>{"/a"});

  const auto rejected = EventsWithReason(kReasonApplyFailed);
  ASSERT_FALSE(rejected.empty());
  const auto on_object =
      std::find_if(rejected.begin(), rejected.end(), [](auto& e) { return e.object.name == "bad"; });
  ASSERT_NE(on_object, rejected.end());
  EXPECT_EQ(on_object->type, "Warning");
  EXPECT_EQ(on_object->object.uid, "uid-bad");
  EXPECT_EQ(on_object->message.rfind("invalid ", 0), 0u) << on_object->message;
  EXPECT_EQ(EventsWithReason(kReasonFallbackSucceeded).size(), 1u);
  EXPECT_TRUE(dumps_.Get("failed"));
  EXPECT_TRUE(dumps_.Get("fallback"));
  EXPECT_EQ(*engine.ConfiguredIngresses(), std::vector<std::string>{"default/a"});
  EXPECT_EQ(metrics_.registry().Value("ingress_controller_fallback_configuration_push_count",
                                      {{"success", "true"},
                                       {"protocol", "db-less"},
                                       {"failure_reason", ""},
                                       {"dataplane", kong_.base_url()}}),
            1);
}

TEST_F(SyncEngineTest, WithoutFallbackTheLastGoodConfigStays) {
  auto engine = Engine(false);
  const auto good = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a"));
  ASSERT_EQ(engine.Sync(good, Clients()).result, SyncOutcome::Result::kApplied);
  const auto good_config = kong_.Stats().applied_config;

  kong_.SetBrokenObjects({{"Ingress", "default", "bad"}}, false);
  const auto with_bad = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a") +
                                IngressYaml("bad", "/bad"));
  const auto outcome = engine.Sync(with_bad, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kKeptLastGood) << outcome.summary;
  EXPECT_EQ(kong_.Stats().applied_config, good_config);

  // Kong restarts empty while the object is still broken: the last good config is put back.
  kong_.RestartEmpty();
  const auto again = engine.Sync(with_bad, Clients());
  EXPECT_EQ(again.result, SyncOutcome::Result::kKeptLastGood) << again.summary;
  EXPECT_EQ(kong_.Stats().applied_config, good_config);
}

// Rejected without a fallback: an instance that still holds the last good config gets nothing (no
// rebuild, no POST); one that restarted empty gets the last good objects with today's endpoints.
TEST_F(SyncEngineTest, RestoringTheLastGoodConfigUsesTheCurrentEndpoints) {
  auto engine = Engine(false);
  const auto good = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a"));
  ASSERT_EQ(engine.Sync(good, Clients()).result, SyncOutcome::Result::kApplied);
  const auto scaled = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.2"}) + IngressYaml("a", "/a"));
  const auto update = engine.PlanTargets(scaled, {"default/echo"});
  ASSERT_TRUE(update);
  ASSERT_EQ(engine.SyncTargets(*update, Clients())->result, SyncOutcome::Result::kApplied);
  ASSERT_EQ(kong_.Stats().config_posts, 2);

  kong_.SetBrokenObjects({{"Ingress", "default", "bad"}}, false);
  const auto with_bad = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.2"}) + IngressYaml("a", "/a") +
                                IngressYaml("bad", "/bad"));
  auto outcome = engine.Sync(with_bad, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kKeptLastGood) << outcome.summary;
  EXPECT_EQ(kong_.Stats().config_posts, 3) << "only the rejected POST: Kong still holds the last good one";

  kong_.RestartEmpty();
  outcome = engine.Sync(with_bad, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kKeptLastGood) << outcome.summary;
  EXPECT_EQ(kong_.Stats().config_posts, 5) << "the rejected POST and the restore";
  const auto applied = nlohmann::json::parse(kong_.Stats().applied_config);
  EXPECT_EQ(RoutePaths(kong_.Stats().applied_config), std::vector<std::string>{"/a"});
  EXPECT_EQ(applied["upstreams"][0]["targets"], nlohmann::json::parse(R"([{"target":"10.1.0.2:8080"}])"))
      << "the snapshot behind the last good config had 10.1.0.1; the Pods now are at 10.1.0.2";
}

// --use-last-valid-config-for-fallback: a broken change rolls back to the version Kong last accepted.
TEST_F(SyncEngineTest, BackfillPutsBackTheLastAcceptedVersionOfABrokenObject) {
  for (const bool backfill : {false, true}) {
    SyncEngineOptions options;
    options.fallback_configuration = true;
    options.backfill_from_last_valid = backfill;
    options.retry = FastRetry();
    SyncEngine engine(options);
    const auto base = ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("b", "/b");
    kong_.SetBrokenObjects({}, false);
    ASSERT_EQ(engine.Sync(StoreOf(base + IngressYaml("a", "/a")), Clients()).result,
              SyncOutcome::Result::kApplied);
    // The next version of "a" is rejected (the first POST only, as KIC's golden mock does).
    kong_.SetBrokenObjects({{"Ingress", "default", "a"}}, /*first_post_only=*/true);
    const auto outcome = engine.Sync(StoreOf(base + IngressYaml("a", "/a-changed")), Clients());
    EXPECT_EQ(outcome.result, SyncOutcome::Result::kFallbackApplied) << outcome.summary;
    const auto expected = backfill ? std::vector<std::string>{"/a", "/b"} : std::vector<std::string>{"/b"};
    EXPECT_EQ(RoutePaths(kong_.Stats().applied_config), expected) << "backfill " << backfill;
  }
}

// kic run keeps only what it needs of an accepted config: the configured Ingresses, not the model.
TEST_F(SyncEngineTest, RemembersConfiguredIngressesWithoutKeepingTheModel) {
  auto engine = Engine(true);
  const auto store = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a"));
  EXPECT_EQ(engine.Sync(store, Clients()).result, SyncOutcome::Result::kApplied);
  EXPECT_EQ(*engine.ConfiguredIngresses(), (std::vector<std::string>{"default/a"}));
  EXPECT_FALSE(engine.last_good_config());
}

TEST(IngressesWithRoutes, SortedOnceEachAndOnlyIngresses) {
  kong::Config config;
  auto route = [](std::string kind, std::string name) {
    kong::Route r;
    r.tags = kong::Tags{"k8s-name:" + name, "k8s-namespace:ns", "k8s-kind:" + kind};
    return r;
  };
  config.services.resize(2);
  config.services[0].routes = {route("Ingress", "z"), route("HTTPRoute", "h"), route("Ingress", "a")};
  config.services[1].routes = {route("Ingress", "z"), route("Ingress", "m")};
  EXPECT_EQ(IngressesWithRoutes(config), (std::vector<std::string>{"ns/a", "ns/m", "ns/z"}));
}

TEST_F(SyncEngineTest, UnreachableKongIsAFailureNeverAnEmptyPush) {
  auto engine = Engine(true);
  const auto store = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a"));
  kong_.FailNext(10, 503);
  auto outcome = engine.Sync(store, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kFailed);
  EXPECT_TRUE(outcome.NeedsRetry());
  EXPECT_FALSE(engine.last_good_config());
  EXPECT_EQ(EventsWithReason(kReasonApplyFailed).size(), 1u);  // on the Pod
  EXPECT_EQ(kong_.Stats().applied_config.find("services"), std::string::npos);

  kong_.FailNext(0, 503);
  outcome = engine.Sync(store, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kApplied);
  EXPECT_EQ(RoutePaths(kong_.Stats().applied_config), std::vector<std::string>{"/a"});
}

TEST_F(SyncEngineTest, KongRestartedEmptyGetsTheConfigAgain) {
  auto engine = Engine(false);
  const auto store = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a"));
  ASSERT_EQ(engine.Sync(store, Clients()).result, SyncOutcome::Result::kApplied);
  kong_.RestartEmpty();
  const auto outcome = engine.Sync(store, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kApplied);
  EXPECT_TRUE(outcome.changed);
  EXPECT_EQ(RoutePaths(kong_.Stats().applied_config), std::vector<std::string>{"/a"});
}

TEST_F(SyncEngineTest, TranslationProblemsBecomeEventsOnce) {
  auto engine = Engine(false);
  // A TLS section naming a Secret that does not exist is a translation problem on the Ingress.
  const auto store =
      StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) +
              "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: tls\n  namespace: "
              "default\n  uid: uid-tls\nspec:\n  ingressClassName: kong\n  tls:\n  - hosts: "
              "[\"a.example\"]\n    secretName: missing\n  rules:\n  - host: a.example\n    http:\n"
              "      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n"
              "          service:\n            name: echo\n            port:\n              number: 80\n");
  const auto outcome = engine.Sync(store, Clients());
  if (outcome.translation_problems == 0) GTEST_SKIP() << "the translator reports no problem for this input";
  const auto first = EventsWithReason(kReasonTranslationFailed);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first[0].object.uid, "uid-tls");
  engine.Sync(store, Clients());
  EXPECT_EQ(EventsWithReason(kReasonTranslationFailed).size(), first.size());
}

TEST(EventSink, ParsesProblemObjects) {
  std::string kind, ns, name;
  ASSERT_TRUE(ParseProblemObject("Ingress default/a", kind, ns, name));
  EXPECT_EQ(kind + "|" + ns + "|" + name, "Ingress|default|a");
  ASSERT_TRUE(ParseProblemObject("KongClusterPlugin p", kind, ns, name));
  EXPECT_EQ(kind + "|" + ns + "|" + name, "KongClusterPlugin||p");
  EXPECT_FALSE(ParseProblemObject("file.yaml: document 3", kind, ns, name));
}

TEST_F(SyncEngineTest, EndpointChangePatchesTargetsToWhatAFullSyncBuilds) {
  auto engine = Engine(false);
  const auto before = StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a"));
  const auto after =
      StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1", "10.1.0.2"}) + IngressYaml("a", "/a"));
  // Nothing to patch before a full config was applied.
  EXPECT_FALSE(engine.PlanTargets(after, {"default/echo"}));
  ASSERT_EQ(engine.Sync(before, Clients()).result, SyncOutcome::Result::kApplied);

  // A Service whose slices no upstream uses: no upstream to recompute, nothing posted.
  auto unrelated = engine.PlanTargets(after, {"default/other"});
  ASSERT_TRUE(unrelated);
  EXPECT_TRUE(unrelated->upstreams.empty());
  auto outcome = engine.SyncTargets(*unrelated, Clients());
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result, SyncOutcome::Result::kApplied);
  EXPECT_FALSE(outcome->changed);
  EXPECT_EQ(kong_.Stats().config_posts, 1);

  const auto update = engine.PlanTargets(after, {"default/echo"});
  ASSERT_TRUE(update);
  ASSERT_EQ(update->upstreams.size(), 1u);
  outcome = engine.SyncTargets(*update, Clients());
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result, SyncOutcome::Result::kApplied) << outcome->summary;
  EXPECT_TRUE(outcome->changed);
  EXPECT_EQ(kong_.Stats().config_posts, 2);
  const auto applied = nlohmann::json::parse(kong_.Stats().applied_config);
  EXPECT_EQ(applied["upstreams"][0]["targets"],
            nlohmann::json::parse(R"([{"target":"10.1.0.2:8080"},{"target":"10.1.0.1:8080"}])"));
  EXPECT_EQ(RoutePaths(kong_.Stats().applied_config), std::vector<std::string>{"/a"});
  EXPECT_EQ(*dumps_.Get("successful"), kong_.Stats().applied_config);

  // The full translation of the same store builds the same body: same hash, nothing posted.
  outcome = engine.Sync(after, Clients());
  EXPECT_EQ(outcome->result, SyncOutcome::Result::kApplied);
  EXPECT_FALSE(outcome->changed);
  EXPECT_EQ(kong_.Stats().config_posts, 2);
}

TEST_F(SyncEngineTest, RejectedTargetsPatchLeavesTheDecisionToAFullSync) {
  auto engine = Engine(true);
  ASSERT_EQ(
      engine
          .Sync(StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a")), Clients())
          .result,
      SyncOutcome::Result::kApplied);
  kong_.SetBrokenObjects({{"Service", "default", "echo"}}, /*first_post_only=*/false);
  const auto after =
      StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1", "10.1.0.2"}) + IngressYaml("a", "/a"));
  const auto update = engine.PlanTargets(after, {"default/echo"});
  ASSERT_TRUE(update);
  EXPECT_FALSE(engine.SyncTargets(*update, Clients()));
  // The full sync reports the culprit and falls back; the fast path waits for the next full config.
  const auto outcome = engine.Sync(after, Clients());
  EXPECT_EQ(outcome.result, SyncOutcome::Result::kFallbackApplied) << outcome.summary;
  EXPECT_FALSE(engine.PlanTargets(after, {"default/echo"}));
  EXPECT_FALSE(engine.Recheck(Clients()));
}

TEST_F(SyncEngineTest, RecheckRestoresARestartedKongWithoutTranslating) {
  auto engine = Engine(false);
  EXPECT_FALSE(engine.Recheck(Clients()));  // nothing applied yet: a full sync must run
  ASSERT_EQ(
      engine
          .Sync(StoreOf(ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a")), Clients())
          .result,
      SyncOutcome::Result::kApplied);
  const auto applied = kong_.Stats().applied_config;
  auto outcome = engine.Recheck(Clients());
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->changed);
  EXPECT_EQ(kong_.Stats().config_posts, 1);

  kong_.RestartEmpty();
  outcome = engine.Recheck(Clients());
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result, SyncOutcome::Result::kApplied);
  EXPECT_TRUE(outcome->changed);
  EXPECT_EQ(kong_.Stats().config_posts, 2);
  EXPECT_EQ(kong_.Stats().applied_config, applied);

  // After the route form changed, the last config is not the one to keep.
  engine.SetExpressionRoutes(true);
  EXPECT_FALSE(engine.Recheck(Clients()));
}

}  // namespace
}  // namespace kic::controller
