// The client against kube-test-server (tests/fakes/kube): a real list/watch with paging, drops
// and compaction, status patches, Events and Lease election. Skips when the server is not built.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "child_process.h"
#include "kube/client/events.h"
#include "kube/client/leader_election.h"
#include "kube/client/reflector.h"
#include "kube/client/rest_client.h"
#include "kube/client/status_writer.h"

namespace kic::kube::client {
namespace {

using nlohmann::json;

std::string ServerBinary() {
  if (const char* env = std::getenv("KUBE_TEST_SERVER")) return env;
  return std::string(KIC_BINARY_DIR) + "/tests/kube-test-server";
}

class KubeServer : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(ServerBinary()))
      GTEST_SKIP() << "kube-test-server not built: " << ServerBinary();
    const std::string address =
        process_.Start({ServerBinary(), "--listen", "127.0.0.1:0"}, {}, "", "listening on ");
    ASSERT_FALSE(address.empty()) << process_.error();
    ConnectionConfig config;
    config.server = "http://" + address;
    RestOptions options;
    options.request_timeout = std::chrono::seconds(20);
    api_ = std::make_unique<RestClient>(config, options);
  }

  void CreateService(const std::string& ns, const std::string& name) {
    json svc = {{"apiVersion", "v1"},
                {"kind", "Service"},
                {"metadata", {{"name", name}, {"namespace", ns}}},
                {"spec", {{"ports", {{{"port", 80}}}}}}};
    auto r = api_->Post("/api/v1/namespaces/" + ns + "/services", svc.dump());
    ASSERT_EQ(r.status, 201) << r.Describe();
  }
  void Control(const std::string& path) {
    auto r = api_->Post(path, "");
    ASSERT_TRUE(r.ok()) << path << ": " << r.Describe();
  }
  static ReflectorOptions Fast() {
    ReflectorOptions o;
    o.min_watch_timeout = std::chrono::seconds(5);
    o.max_watch_timeout = std::chrono::seconds(6);
    o.backoff.initial = std::chrono::milliseconds(5);
    o.backoff.max = std::chrono::milliseconds(50);
    return o;
  }

  kic::testing::ChildProcess process_;
  std::unique_ptr<RestClient> api_;
};

template <class F>
bool Eventually(SyncedStore& store, F done) {
  uint64_t seen = store.generation();
  for (int i = 0; i < 1000 && !done(); ++i) seen = store.WaitForChange(seen, std::chrono::milliseconds(10));
  return done();
}

size_t Services(const SyncedStore& store) {
  return store.Read([](const Store& s) { return s.services().size(); });
}
bool Has(const SyncedStore& store, const std::string& name) {
  return store.Read([&](const Store& s) { return s.services().Get("default", name) != nullptr; });
}

TEST_F(KubeServer, SyncsAThousandObjectsAndFollowsDropsAndCompaction) {
  for (int i = 0; i < 1000; ++i) CreateService("default", "svc-" + std::to_string(i));
  SyncedStore store;
  Reflector reflector(*api_, *FindResource("Service"), store, Fast());
  std::jthread runner([&](std::stop_token stop) { reflector.Run(stop); });

  ASSERT_TRUE(Eventually(store, [&] { return store.HasSynced("Service", ""); }));
  const ReflectorStats stats = reflector.stats();
  EXPECT_EQ(Services(store), 1000u) << "list requests " << stats.list_requests << ", decode errors "
                                    << stats.decode_errors << ", lists " << stats.lists;
  EXPECT_GE(stats.list_requests, 2);  // 500 a page

  CreateService("default", "late");
  ASSERT_TRUE(api_->Delete("/api/v1/namespaces/default/services/svc-0").ok());
  ASSERT_TRUE(Eventually(store, [&] { return Has(store, "late") && !Has(store, "svc-0"); }));

  Control("/_test/drop-watches?abrupt=true");  // resumed from the last RV, no relist
  CreateService("default", "after-drop");
  ASSERT_TRUE(Eventually(store, [&] { return Has(store, "after-drop"); }));
  EXPECT_EQ(reflector.stats().lists, 1);

  // Changes, then compaction and a drop: the watch cannot resume and must relist.
  runner.request_stop();
  runner.join();
  ASSERT_TRUE(api_->Delete("/api/v1/namespaces/default/services/svc-1").ok());
  CreateService("default", "while-away");
  Control("/_test/compact");
  std::jthread again([&](std::stop_token stop) {
    Reflector::WatchOutcome w = reflector.Watch(stop);
    EXPECT_EQ(w.end, WatchEnd::kRelist) << w.error;
    EXPECT_TRUE(reflector.List(stop).ok);
  });
  again.join();
  EXPECT_FALSE(Has(store, "svc-1"));
  EXPECT_TRUE(Has(store, "while-away"));
  EXPECT_EQ(Services(store), 1001u);
}

TEST_F(KubeServer, PatchesIngressStatus) {
  json ingress = {{"apiVersion", "networking.k8s.io/v1"},
                  {"kind", "Ingress"},
                  {"metadata", {{"name", "demo"}, {"namespace", "default"}}},
                  {"spec", {{"ingressClassName", "kong"}}}};
  ASSERT_EQ(api_->Post("/apis/networking.k8s.io/v1/namespaces/default/ingresses", ingress.dump()).status,
            201);
  auto r = SetIngressLoadBalancer(*api_, "default", "demo", {{"10.1.2.3", ""}});
  ASSERT_TRUE(r.ok) << r.error;
  auto stored = json::parse(api_->Get("/apis/networking.k8s.io/v1/namespaces/default/ingresses/demo").body);
  EXPECT_EQ(stored["status"]["loadBalancer"]["ingress"][0]["ip"], "10.1.2.3");
  EXPECT_EQ(stored["spec"]["ingressClassName"], "kong");
}

TEST_F(KubeServer, RecordsAndDeduplicatesEvents) {
  EventRecorder recorder(*api_);
  ObjectRef ref{"Ingress", "default", "demo", "uid-1", "networking.k8s.io/v1", "1"};
  auto first = recorder.Record(ref, "Warning", "KongConfigurationTranslationFailed", "no backend");
  ASSERT_TRUE(first.ok) << first.error;
  auto second = recorder.Record(ref, "Warning", "KongConfigurationTranslationFailed", "no backend");
  ASSERT_TRUE(second.ok) << second.error;
  auto list = json::parse(api_->Get("/api/v1/namespaces/default/events").body);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["count"], 2);
  EXPECT_EQ(list["items"][0]["involvedObject"]["name"], "demo");
}

TEST_F(KubeServer, WaitsAsRetryAfterSaysThenSucceeds) {
  CreateService("default", "a");
  Control("/_test/fail?code=429&count=2&retryAfter=1");
  const auto start = std::chrono::steady_clock::now();
  auto r = api_->Get("/api/v1/namespaces/default/services/a");
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, 200) << r.Describe();
  EXPECT_GE(waited, std::chrono::seconds(2));  // two answers said "Retry-After: 1"

  Control("/_test/fail?code=503&count=1&retryAfter=1");  // 5xx with Retry-After: retried as well
  EXPECT_EQ(api_->Get("/api/v1/namespaces/default/services/a").status, 200);

  Control("/_test/fail?code=500&count=1");  // no Retry-After: the caller gets the error at once
  auto failed = api_->Get("/api/v1/namespaces/default/services/a");
  EXPECT_EQ(failed.status, 500);
  EXPECT_FALSE(failed.retry_after.has_value());
  EXPECT_EQ(api_->Get("/api/v1/namespaces/default/services/a").status, 200);
}

TEST_F(KubeServer, GivesUpAfterMaxRetries) {
  ConnectionConfig config = api_->config();
  RestOptions options;
  options.max_retries = 1;
  RestClient client(config, options);
  Control("/_test/fail?code=429&count=3&retryAfter=1");
  auto r = client.Get("/api/v1/namespaces/default/services");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.reason, "TooManyRequests");
  EXPECT_EQ(r.retry_after, 1);
  // Two of the three failures were used: the next call meets the third, waits, and succeeds.
  EXPECT_EQ(client
                .Send({Method::kGet, "/api/v1/namespaces/default/services", "", std::string(kJson)},
                      std::stop_token{})
                .status,
            200);
}

TEST_F(KubeServer, ARetryAfterWaitEndsWhenStopped) {
  Control("/_test/fail?code=429&count=1&retryAfter=3600");
  std::stop_source stop;
  std::jthread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop.request_stop();
  });
  auto r = api_->Get("/api/v1/namespaces/default/services", stop.get_token());
  EXPECT_EQ(r.status, 429);  // the last answer, returned when the wait was cut short
}

TEST_F(KubeServer, ListsWritesAndEventsShareOneConnection) {
  for (int i = 0; i < 20; ++i) CreateService("default", "svc-" + std::to_string(i));
  json ingress = {{"apiVersion", "networking.k8s.io/v1"},
                  {"kind", "Ingress"},
                  {"metadata", {{"name", "demo"}, {"namespace", "default"}}},
                  {"spec", {{"ingressClassName", "kong"}}}};
  ASSERT_EQ(api_->Post("/apis/networking.k8s.io/v1/namespaces/default/ingresses", ingress.dump()).status,
            201);
  ASSERT_TRUE(api_->Delete("/_test/connections").ok());

  SyncedStore store;
  ReflectorOptions options = Fast();
  options.page_size = 5;
  Reflector reflector(*api_, *FindResource("Service"), store, options);
  ASSERT_TRUE(reflector.List().ok);
  EXPECT_EQ(reflector.stats().list_requests, 4);
  EXPECT_EQ(Services(store), 20u);
  ASSERT_TRUE(SetIngressLoadBalancer(*api_, "default", "demo", {{"10.1.2.3", ""}}).ok);
  EventRecorder recorder(*api_);
  ASSERT_TRUE(recorder
                  .Record({"Ingress", "default", "demo", "uid-1", "networking.k8s.io/v1", "1"}, "Normal",
                          "Synced", "ok")
                  .ok);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(api_->Get("/api/v1/namespaces/default/services/svc-1").ok());

  auto counted = json::parse(api_->Get("/_test/connections").body);
  EXPECT_EQ(counted["connections"], 1) << counted.dump();
}

TEST_F(KubeServer, TwoElectorsShareOneLease) {
  std::atomic<int> leaders{0};
  std::atomic<int> max_leaders{0};
  auto config = [&](const std::string& id) {
    LeaderElectionConfig c;
    c.lease_namespace = "default";
    c.lease_name = "5b374a9e.konghq.com";
    c.identity = id;
    c.lease_duration = std::chrono::milliseconds(1500);
    c.renew_deadline = std::chrono::milliseconds(1000);
    c.retry_period = std::chrono::milliseconds(50);
    c.on_started_leading = [&] {
      const int now = ++leaders;
      int seen = max_leaders.load();
      while (now > seen && !max_leaders.compare_exchange_weak(seen, now)) {
      }
    };
    c.on_stopped_leading = [&] { --leaders; };
    return c;
  };
  LeaderElector a(*api_, config("a"));
  LeaderElector b(*api_, config("b"));
  std::jthread ra([&](std::stop_token s) { a.Run(s); });
  std::jthread rb([&](std::stop_token s) { b.Run(s); });
  for (int i = 0; i < 500 && !a.IsLeader() && !b.IsLeader(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_NE(a.IsLeader(), b.IsLeader());
  LeaderElector& follower = a.IsLeader() ? b : a;
  (a.IsLeader() ? ra : rb).request_stop();  // the leader leaves and releases the lease
  (a.IsLeader() ? ra : rb).join();
  for (int i = 0; i < 500 && !follower.IsLeader(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(follower.IsLeader());
  auto lease = json::parse(
      api_->Get("/apis/coordination.k8s.io/v1/namespaces/default/leases/5b374a9e.konghq.com").body);
  EXPECT_EQ(lease["spec"]["holderIdentity"], follower.IsLeader() ? (&follower == &a ? "a" : "b") : "");
  EXPECT_EQ(max_leaders.load(), 1);
}

}  // namespace
}  // namespace kic::kube::client
