#include "kube/client/reflector.h"

#include <gtest/gtest.h>

#include <thread>

#include "fake_api.h"

namespace kic::kube::client {
namespace {

using testing::FakeCollection;
using testing::QueryParam;
using testing::ServiceJson;

ReflectorOptions FastOptions() {
  ReflectorOptions o;
  o.min_watch_timeout = std::chrono::milliseconds(1000);
  o.max_watch_timeout = std::chrono::milliseconds(2000);
  o.backoff.initial = std::chrono::milliseconds(1);
  o.backoff.max = std::chrono::milliseconds(4);
  o.seed = 1;
  return o;
}

size_t ServiceCount(const SyncedStore& store) {
  return store.Read([](const Store& s) { return s.services().size(); });
}
bool HasService(const SyncedStore& store, const std::string& ns, const std::string& name) {
  return store.Read([&](const Store& s) { return s.services().Get(ns, name) != nullptr; });
}
int PortOf(const SyncedStore& store, const std::string& ns, const std::string& name) {
  return store.Read([&](const Store& s) {
    const Service* svc = s.services().Get(ns, name);
    return svc && !svc->ports.empty() ? static_cast<int>(svc->ports[0].port) : -1;
  });
}

std::vector<std::string> WatchRequests(const FakeCollection& api) {
  std::vector<std::string> out;
  for (const auto& r : api.requests())
    if (r.find("watch=true") != std::string::npos) out.push_back(r);
  return out;
}

TEST(Reflector, InitialListFollowsContinueAcrossPages) {
  FakeCollection api;
  for (int i = 0; i < 1203; ++i) api.Put(ServiceJson("default", "svc-" + std::to_string(i)));
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  EXPECT_FALSE(store.HasSynced("Service", ""));

  auto listed = reflector.List();

  ASSERT_TRUE(listed.ok) << listed.error;
  EXPECT_EQ(ServiceCount(store), 1203u);
  EXPECT_TRUE(store.HasSynced("Service", ""));
  EXPECT_EQ(reflector.last_resource_version(), std::to_string(api.rv()));
  const auto requests = api.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0], "/api/v1/services?limit=500");
  EXPECT_EQ(QueryParam(requests[1], "continue"), "500." + std::to_string(api.rv()));
  EXPECT_EQ(QueryParam(requests[2], "continue"), "1000." + std::to_string(api.rv()));
}

TEST(Reflector, WatchAppliesEventsInOrderExactlyOnce) {
  FakeCollection api;
  api.Put(ServiceJson("default", "a"));
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  ASSERT_TRUE(reflector.List().ok);

  api.Put(ServiceJson("default", "b", 81));
  api.Put(ServiceJson("default", "b", 82));  // MODIFIED after ADDED: the last one wins
  api.Delete("default", "a");
  api.Put(ServiceJson("default", "a", 90));  // re-created after the delete
  api.Bookmark();

  auto watched = reflector.Watch();
  EXPECT_EQ(watched.end, WatchEnd::kResume);
  EXPECT_EQ(PortOf(store, "default", "b"), 82);
  EXPECT_EQ(PortOf(store, "default", "a"), 90);
  EXPECT_EQ(reflector.stats().events, 4);
  EXPECT_EQ(reflector.last_resource_version(), std::to_string(api.rv()));  // the bookmark's RV

  // Watching again from the last RV delivers nothing twice.
  auto again = reflector.Watch();
  EXPECT_EQ(again.events, 0);
  EXPECT_EQ(reflector.stats().events, 4);
  EXPECT_EQ(reflector.stats().lists, 1);
}

TEST(Reflector, WatchRequestCarriesBookmarksTimeoutAndSelector) {
  FakeCollection api;
  SyncedStore store;
  auto options = FastOptions();
  options.namespace_ = "kong";
  options.label_selector = "konghq.com/secret=true";
  options.min_watch_timeout = std::chrono::minutes(5);
  options.max_watch_timeout = std::chrono::minutes(10);
  Reflector reflector(api, *FindResource("Secret"), store, options);
  ASSERT_TRUE(reflector.List().ok);
  reflector.Watch();
  const auto requests = api.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0],
            "/api/v1/namespaces/kong/secrets?limit=500&labelSelector=konghq.com%2Fsecret%3Dtrue");
  const std::string& watch = requests[1];
  EXPECT_EQ(watch.rfind("/api/v1/namespaces/kong/secrets?", 0), 0u);
  EXPECT_EQ(QueryParam(watch, "allowWatchBookmarks"), "true");
  EXPECT_EQ(QueryParam(watch, "watch"), "true");
  EXPECT_EQ(QueryParam(watch, "labelSelector"), "konghq.com%2Fsecret%3Dtrue");
  EXPECT_EQ(QueryParam(watch, "resourceVersion"), std::to_string(api.rv()));
  const long timeout = std::stol(QueryParam(watch, "timeoutSeconds"));
  EXPECT_GE(timeout, 300);
  EXPECT_LT(timeout, 600);
}

TEST(Reflector, ClusterScopedKindIgnoresNamespace) {
  FakeCollection api;
  SyncedStore store;
  auto options = FastOptions();
  options.namespace_ = "kong";
  Reflector reflector(api, *FindResource("IngressClass"), store, options);
  reflector.List();
  EXPECT_EQ(api.requests().at(0), "/apis/networking.k8s.io/v1/ingressclasses?limit=500");
}

TEST(Reflector, DroppedStreamResumesFromLastResourceVersionWithoutRelist) {
  FakeCollection api;
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  ASSERT_TRUE(reflector.List().ok);
  api.set_max_events_per_watch(2);
  for (int i = 0; i < 5; ++i) api.Put(ServiceJson("default", "s" + std::to_string(i)));

  std::vector<std::string> resumed_from;
  for (int round = 0; round < 3; ++round) {
    resumed_from.push_back(reflector.last_resource_version());
    EXPECT_EQ(reflector.Watch().end, WatchEnd::kResume);
  }

  EXPECT_EQ(ServiceCount(store), 5u);
  EXPECT_EQ(reflector.stats().lists, 1);
  EXPECT_EQ(reflector.stats().events, 5);
  const auto watches = WatchRequests(api);
  ASSERT_EQ(watches.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(QueryParam(watches[i], "resourceVersion"), resumed_from[i]);
  EXPECT_NE(resumed_from[0], resumed_from[1]);
}

// After a 410 the reflector relists; objects deleted while it was away must go (no ghosts), and
// objects changed or created must show their current state.
void ExpectRelistConverges(bool expired_as_error_event) {
  FakeCollection api;
  api.Put(ServiceJson("default", "stays"));
  api.Put(ServiceJson("default", "goes"));
  api.Put(ServiceJson("default", "changes", 80));
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  ASSERT_TRUE(reflector.List().ok);

  api.Delete("default", "goes");
  api.Put(ServiceJson("default", "changes", 8080));
  api.Put(ServiceJson("other", "new"));
  api.Compact(expired_as_error_event);

  auto watched = reflector.Watch();
  EXPECT_EQ(watched.end, WatchEnd::kRelist) << watched.error;
  ASSERT_TRUE(reflector.List().ok);

  EXPECT_EQ(ServiceCount(store), 3u);
  EXPECT_FALSE(HasService(store, "default", "goes"));
  EXPECT_EQ(PortOf(store, "default", "changes"), 8080);
  EXPECT_TRUE(HasService(store, "other", "new"));
  EXPECT_EQ(reflector.Watch().end, WatchEnd::kResume);  // the new RV is current
}

TEST(Reflector, GoneStatusRelistsWithoutGhosts) {
  ExpectRelistConverges(false);
}
TEST(Reflector, ExpiredErrorEventRelistsWithoutGhosts) {
  ExpectRelistConverges(true);
}

TEST(Reflector, DecodeErrorSkipsOneObjectAndTheStreamGoesOn) {
  FakeCollection api;
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  ASSERT_TRUE(reflector.List().ok);
  api.Put(ServiceJson("default", "before"));
  nlohmann::json bad = ServiceJson("default", "bad");
  bad["spec"]["ports"] = "not-a-list";
  api.Put(bad);
  api.Put(ServiceJson("default", "after"));

  auto watched = reflector.Watch();
  EXPECT_EQ(watched.end, WatchEnd::kResume);
  EXPECT_TRUE(HasService(store, "default", "before"));
  EXPECT_FALSE(HasService(store, "default", "bad"));
  EXPECT_TRUE(HasService(store, "default", "after"));
  EXPECT_EQ(reflector.stats().decode_errors, 1);

  // A relist with the bad object present still succeeds for the others.
  ASSERT_TRUE(reflector.List().ok);
  EXPECT_EQ(ServiceCount(store), 2u);
  EXPECT_EQ(reflector.stats().decode_errors, 2);
}

TEST(Reflector, RelistKeepsLastGoodStateOfObjectThatNoLongerDecodes) {
  FakeCollection api;
  api.Put(ServiceJson("default", "x", 81));
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  ASSERT_TRUE(reflector.List().ok);
  nlohmann::json bad = ServiceJson("default", "x");
  bad["spec"]["ports"] = "not-a-list";
  api.Put(bad);
  ASSERT_TRUE(reflector.List().ok);
  EXPECT_EQ(PortOf(store, "default", "x"), 81);
}

TEST(Reflector, GarbledLineFailsTheWatchButKeepsTheResourceVersion) {
  FakeCollection api;
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  ASSERT_TRUE(reflector.List().ok);
  api.Put(ServiceJson("default", "a"));
  api.RawLine("{not json");
  auto watched = reflector.Watch();
  EXPECT_EQ(watched.end, WatchEnd::kFailed);
  EXPECT_TRUE(HasService(store, "default", "a"));
  EXPECT_EQ(reflector.last_resource_version(), std::to_string(api.rv()));
}

TEST(Reflector, ServerErrorsFailWithoutRelist) {
  FakeCollection api;
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  ASSERT_TRUE(reflector.List().ok);
  api.FailNext(1, 500);
  EXPECT_EQ(reflector.Watch().end, WatchEnd::kFailed);
  api.FailNext(1, 0);
  EXPECT_EQ(reflector.Watch().end, WatchEnd::kFailed);
  EXPECT_EQ(reflector.Watch().end, WatchEnd::kResume);
}

// Waits (bounded) until `done` holds, re-checking whenever the store changes.
template <class F>
bool Eventually(SyncedStore& store, F done) {
  uint64_t seen = store.generation();
  for (int i = 0; i < 2000 && !done(); ++i) seen = store.WaitForChange(seen, std::chrono::milliseconds(5));
  return done();
}

TEST(Reflector, RunRecoversFromFailuresAndFollowsChanges) {
  FakeCollection api;
  api.Put(ServiceJson("default", "a"));
  api.FailNext(3, 503);  // the first LISTs fail: backoff, then succeed
  SyncedStore store;
  Reflector reflector(api, *FindResource("Service"), store, FastOptions());
  {
    std::jthread runner([&](std::stop_token stop) { reflector.Run(stop); });
    ASSERT_TRUE(Eventually(store, [&] { return store.HasSynced("Service", ""); }));
    api.Put(ServiceJson("default", "b"));
    api.Delete("default", "a");
    ASSERT_TRUE(Eventually(
        store, [&] { return HasService(store, "default", "b") && !HasService(store, "default", "a"); }));
    api.Compact();
    api.Put(ServiceJson("default", "c"));  // only reachable by relisting: its event predates the compaction
    api.Compact();
    ASSERT_TRUE(Eventually(store, [&] { return HasService(store, "default", "c"); }));
  }  // stops and joins
  EXPECT_GE(reflector.stats().failures, 3);
  EXPECT_GE(reflector.stats().lists, 2);
}

TEST(Backoff, GrowsToTheCapAndResetsAfterHealth) {
  BackoffOptions options;
  options.jitter = 0;
  options.reset_after = std::chrono::minutes(2);
  Backoff backoff(options, 1);
  auto t = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  std::vector<long long> waits;
  for (int i = 0; i < 8; ++i) waits.push_back(backoff.Next(t += std::chrono::seconds(1)).count());
  EXPECT_EQ(waits, (std::vector<long long>{800, 1600, 3200, 6400, 12800, 25600, 30000, 30000}));
  EXPECT_EQ(backoff.Next(t += std::chrono::minutes(3)).count(), 800);
}

TEST(Backoff, JitterStaysWithinFactor) {
  Backoff backoff(BackoffOptions{}, 7);
  auto t = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  const auto first = backoff.Next(t).count();
  EXPECT_GE(first, 800);
  EXPECT_LT(first, 1600);
  const auto second = backoff.Next(t).count();
  EXPECT_GE(second, 1600);
  EXPECT_LT(second, 3200);
}

}  // namespace
}  // namespace kic::kube::client
