// The sync loop's choice of path, seen from outside: a full translation hands its snapshot to the
// after-sync hook (status writers); the EndpointSlice and recheck fast paths push without one.

#include "controller/sync_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "fake_kong.h"
#include "test_objects.h"

namespace kic::controller {
namespace {

using kic::testing::FakeKong;
using testing::IngressYaml;
using testing::Objects;
using testing::ServiceYaml;
using testing::SliceYaml;

// Liveness bound for things that happen within milliseconds; not a performance assertion.
template <class F>
bool Eventually(F done) {
  for (int i = 0; i < 1000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

void Apply(kube::client::SyncedStore& store, const std::string& yaml) {
  for (auto& object : Objects(yaml)) store.Apply(std::move(object));
}

nlohmann::json Targets(const FakeKong& kong) {
  return nlohmann::json::parse(kong.Stats().applied_config)["upstreams"][0]["targets"];
}

TEST(SyncLoop, SliceChangesAndResyncsTakeTheFastPathsOtherChangesTranslate) {
  FakeKong kong;
  ASSERT_TRUE(kong.Start()) << kong.error();
  kong::admin::ClientOptions client;
  client.base_url = kong.base_url();
  KongInstances instances({kong::admin::AdminClient(client)});
  SyncEngine engine(SyncEngineOptions{});
  kube::client::SyncedStore store;
  Apply(store, ServiceYaml() + SliceYaml("echo", {"10.1.0.1"}) + IngressYaml("a", "/a"));

  SyncLoopOptions options;
  options.debounce = std::chrono::milliseconds(1);
  options.initial_delay = std::chrono::milliseconds(0);
  options.resync = std::chrono::milliseconds(50);
  options.poll = std::chrono::milliseconds(10);
  SyncLoop loop(
      store, [] { return true; }, instances, engine, options);
  std::atomic<int> translations{0};
  loop.SetAfterSync([&](const kube::Store&, const SyncOutcome&) { ++translations; });
  std::jthread thread([&](std::stop_token stop) { loop.Run(stop); });

  ASSERT_TRUE(Eventually([&] { return kong.Stats().config_posts == 1; }));
  EXPECT_TRUE(Eventually([&] { return translations == 1; }));

  Apply(store, SliceYaml("echo", {"10.1.0.1", "10.1.0.2"}));
  ASSERT_TRUE(Eventually([&] { return kong.Stats().config_posts == 2; }));
  EXPECT_TRUE(Eventually([&] {
    return Targets(kong) ==
           nlohmann::json::parse(R"([{"target":"10.1.0.2:8080"},{"target":"10.1.0.1:8080"}])");
  })) << Targets(kong);
  EXPECT_EQ(translations, 1);

  Apply(store, IngressYaml("b", "/b"));
  ASSERT_TRUE(Eventually([&] { return kong.Stats().config_posts == 3; }));
  EXPECT_TRUE(Eventually([&] { return translations == 2; }));
  ASSERT_TRUE(Eventually([&] { return kong.Stats().applied_config.find("/b") != std::string::npos; }));

  // Resyncs every 50 ms find Kong in step; once it restarts empty, a recheck gives the config back.
  const auto applied = kong.Stats().applied_config;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(kong.Stats().config_posts, 3);
  kong.RestartEmpty();
  ASSERT_TRUE(Eventually([&] { return kong.Stats().config_posts == 4; }));
  // The fake counts a POST when it arrives and loads the config after: wait for the load.
  EXPECT_TRUE(Eventually([&] { return kong.Stats().applied_config == applied; }));
  EXPECT_EQ(kong.Stats().config_posts, 4);
  EXPECT_EQ(translations, 2);
}

}  // namespace
}  // namespace kic::controller
