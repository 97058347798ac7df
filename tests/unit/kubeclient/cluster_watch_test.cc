#include "kube/client/cluster_watch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fake_api.h"
#include "kube/client/discovery.h"

namespace kic::kube::client {
namespace {

using testing::FakeCollection;
using testing::ServiceJson;

// Serves discovery documents itself and hands collection requests to one FakeCollection per kind.
class FakeCluster final : public ApiClient {
 public:
  FakeCluster() { consumers.set_kind("KongConsumer", "configuration.konghq.com/v1"); }

  FakeCollection services;
  FakeCollection consumers;
  std::atomic<bool> crd_installed{false};
  std::atomic<bool> discovery_down{false};

  ApiResponse Send(const ApiRequest& request, std::stop_token stop) override {
    ApiResponse r;
    if (request.path == "/api/v1") {
      if (discovery_down) return r;  // transport failure
      r.status = 200;
      r.body =
          R"({"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"services","kind":"Service"}]})";
      return r;
    }
    if (request.path == "/apis/configuration.konghq.com/v1") {
      r.status = crd_installed ? 200 : 404;
      r.body = R"({"kind":"APIResourceList","resources":[{"name":"kongconsumers","kind":"KongConsumer"}]})";
      return r;
    }
    return Route(request.path).Send(request, stop);
  }
  ApiResponse Stream(const std::string& path, const LineHandler& on_line, std::chrono::milliseconds timeout,
                     std::stop_token stop) override {
    return Route(path).Stream(path, on_line, timeout, stop);
  }

 private:
  FakeCollection& Route(const std::string& path) {
    return path.find("kongconsumers") != std::string::npos ? consumers : services;
  }
};

ClusterWatchConfig FastConfig() {
  ClusterWatchConfig c;
  c.kinds = {"Service", "KongConsumer"};
  c.discovery_interval = std::chrono::milliseconds(5);
  c.reflector.backoff.initial = std::chrono::milliseconds(1);
  c.reflector.backoff.max = std::chrono::milliseconds(4);
  c.reflector.min_watch_timeout = std::chrono::milliseconds(1000);
  c.reflector.max_watch_timeout = std::chrono::milliseconds(2000);
  return c;
}

template <class F>
bool Eventually(F done) {
  for (int i = 0; i < 1000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return done();
}

TEST(Discovery, ServedNotServedAndUnknown) {
  FakeCluster cluster;
  EXPECT_EQ(CheckServed(cluster, *FindResource("Service")), Served::kYes);
  EXPECT_EQ(CheckServed(cluster, *FindResource("KongConsumer")), Served::kNo);
  EXPECT_EQ(CheckServed(cluster, *FindResource("Secret")), Served::kNo);  // v1 does not list secrets here
  cluster.discovery_down = true;
  EXPECT_EQ(CheckServed(cluster, *FindResource("Service")), Served::kUnknown);
}

TEST(ClusterWatch, StartsServedKindsAndPicksUpACrdInstalledLater) {
  FakeCluster cluster;
  cluster.services.Put(ServiceJson("default", "echo"));
  SyncedStore store;
  ClusterWatch watch(cluster, store, FastConfig());
  watch.Start();
  ASSERT_TRUE(Eventually([&] { return watch.HasSynced(); }));
  EXPECT_EQ(watch.StartedKinds(), (std::set<std::string>{"Service"}));
  EXPECT_EQ(store.Read([](const Store& s) { return s.services().size(); }), 1u);

  cluster.consumers.Put({{"metadata", {{"name", "alice"}, {"namespace", "default"}}}, {"username", "alice"}});
  cluster.crd_installed = true;
  ASSERT_TRUE(
      Eventually([&] { return store.Read([](const Store& s) { return s.kong_consumers().size(); }) == 1u; }));
  EXPECT_EQ(watch.StartedKinds(), (std::set<std::string>{"Service", "KongConsumer"}));
  EXPECT_TRUE(watch.HasSynced());
  watch.Stop();
}

TEST(ClusterWatch, OneReflectorPerNamespace) {
  FakeCluster cluster;
  cluster.services.Put(ServiceJson("a", "x"));
  cluster.services.Put(ServiceJson("b", "y"));
  SyncedStore store;
  auto config = FastConfig();
  config.kinds = {"Service"};
  config.namespaces = {"a", "b"};
  ClusterWatch watch(cluster, store, config);
  watch.Start();
  ASSERT_TRUE(Eventually([&] { return watch.HasSynced(); }));
  EXPECT_TRUE(store.HasSynced("Service", "a"));
  EXPECT_TRUE(store.HasSynced("Service", "b"));
  bool saw_a = false, saw_b = false;
  for (const auto& path : cluster.services.requests()) {
    saw_a |= path.rfind("/api/v1/namespaces/a/services?", 0) == 0;
    saw_b |= path.rfind("/api/v1/namespaces/b/services?", 0) == 0;
  }
  EXPECT_TRUE(saw_a);
  EXPECT_TRUE(saw_b);
}

TEST(ClusterWatch, NotSyncedWhileDiscoveryCannotBeAsked) {
  FakeCluster cluster;
  cluster.discovery_down = true;
  SyncedStore store;
  auto config = FastConfig();
  config.kinds = {"Service"};
  ClusterWatch watch(cluster, store, config);
  watch.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(watch.HasSynced());
  cluster.discovery_down = false;
  EXPECT_TRUE(Eventually([&] { return watch.HasSynced(); }));
}

}  // namespace
}  // namespace kic::kube::client
