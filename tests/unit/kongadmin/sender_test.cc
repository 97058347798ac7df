#include "kong/admin/sender.h"

#include <gtest/gtest.h>

#include "fake_kong.h"
#include "fast_retry.h"

namespace kic::kong::admin {
namespace {

using kic::testing::FakeKong;
using testing::ClientFor;
using testing::FastRetry;

constexpr const char* kConfig =
    R"({"_format_version":"3.0","services":[{"name":"echo","host":"echo.default.80.svc",
"port":80,"tags":["k8s-name:echo","k8s-namespace:default","k8s-kind:Service","k8s-uid:u-1","k8s-version:v1"],
"routes":[{"name":"default.echo","paths":["/echo"],"tags":["k8s-name:echo","k8s-namespace:default",
"k8s-kind:Ingress","k8s-uid:u-2","k8s-group:networking.k8s.io","k8s-version:v1"]}]}]})";

constexpr const char* kOtherConfig = R"({"_format_version":"3.0","upstreams":[{"name":"up.default.svc"}]})";

class SenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(kong_.Start()) << kong_.error();
    clients_.emplace_back(ClientFor(kong_.base_url()));
  }

  FakeKong kong_;
  std::vector<AdminClient> clients_;
  ConfigSender sender_{FastRetry(), 42};
};

TEST_F(SenderTest, BodyInPiecesArrivesWhole) {
  // A patched config body is sent from its pieces, empty ones included, without joining them first.
  const std::string text = kConfig;
  auto pieces = std::make_shared<std::vector<std::string_view>>();
  const std::string_view view(text);
  pieces->push_back(view.substr(0, 7));
  pieces->push_back(view.substr(7, 0));
  pieces->push_back(view.substr(7, 20));
  pieces->push_back(view.substr(27));
  ConfigPayload payload;
  payload.pieces = pieces;
  payload.size = text.size();
  payload.hash = "pieces";
  const PushReport report = sender_.Push(clients_, payload);
  ASSERT_EQ(report.instances.size(), 1u);
  EXPECT_EQ(report.instances[0].outcome, PushOutcome::kApplied) << report.instances[0].error;
  EXPECT_EQ(report.config_bytes, text.size());
  EXPECT_EQ(kong_.Stats().last_config_body, text);
  EXPECT_EQ(payload.Text(), text);
}

TEST_F(SenderTest, AppliesThenSkipsWhileUnchanged) {
  const auto payload = ConfigPayload::FromBody(kConfig);
  const PushReport first = sender_.Push(clients_, payload);
  ASSERT_EQ(first.instances.size(), 1u);
  EXPECT_EQ(first.instances[0].outcome, PushOutcome::kApplied) << first.instances[0].error;
  EXPECT_EQ(first.instances[0].http_status, 201);
  EXPECT_EQ(first.config_bytes, payload.size);
  EXPECT_TRUE(first.AllSucceeded());
  EXPECT_EQ(kong_.ConfigurationHash(), kic::testing::Md5Hex(payload.Text()));
  EXPECT_EQ(sender_.AppliedHash(kong_.base_url()), payload.hash);

  const PushReport second = sender_.Push(clients_, payload);
  EXPECT_EQ(second.instances[0].outcome, PushOutcome::kUnchanged);
  EXPECT_TRUE(second.instances[0].skipped);
  EXPECT_EQ(second.instances[0].attempts, 0);
  EXPECT_EQ(kong_.Stats().config_posts, 1);

  // A different config is pushed again.
  const PushReport third = sender_.Push(clients_, ConfigPayload::FromBody(kOtherConfig));
  EXPECT_EQ(third.instances[0].outcome, PushOutcome::kApplied);
  EXPECT_EQ(kong_.Stats().config_posts, 2);
}

TEST_F(SenderTest, RepushesWhenKongRestartedEmpty) {
  const auto payload = ConfigPayload::FromBody(kConfig);
  ASSERT_TRUE(sender_.Push(clients_, payload).AllSucceeded());
  kong_.RestartEmpty();
  ASSERT_EQ(kong_.ConfigurationHash(), "00000000000000000000000000000000");

  const PushReport report = sender_.Push(clients_, payload);
  EXPECT_EQ(report.instances[0].outcome, PushOutcome::kApplied);
  EXPECT_FALSE(report.instances[0].skipped);
  EXPECT_EQ(kong_.Stats().config_posts, 2);
  EXPECT_EQ(kong_.ConfigurationHash(), kic::testing::Md5Hex(payload.Text()));
}

TEST_F(SenderTest, LackingNamesOnlyInstancesWithoutTheConfig) {
  const auto payload = ConfigPayload::FromBody(kConfig);
  EXPECT_EQ(sender_.Lacking(clients_, payload.hash).size(), 1u) << "never pushed here";
  ASSERT_TRUE(sender_.Push(clients_, payload).AllSucceeded());
  EXPECT_TRUE(sender_.Lacking(clients_, payload.hash).empty());
  EXPECT_EQ(sender_.Lacking(clients_, "another hash").size(), 1u);
  kong_.RestartEmpty();
  const auto lacking = sender_.Lacking(clients_, payload.hash);
  ASSERT_EQ(lacking.size(), 1u) << "Kong restarted with the empty configuration";
  EXPECT_EQ(lacking[0].base_url(), kong_.base_url());
  EXPECT_EQ(kong_.Stats().config_posts, 1) << "Lacking only asks /status";
}

TEST_F(SenderTest, KongAnswering304CountsAsUnchanged) {
  const auto payload = ConfigPayload::FromBody(kConfig);
  ASSERT_TRUE(sender_.Push(clients_, payload).AllSucceeded());
  ConfigSender fresh(FastRetry(), 1);  // e.g. after a controller restart: no memory of what Kong has
  const PushReport report = fresh.Push(clients_, payload);
  EXPECT_EQ(report.instances[0].outcome, PushOutcome::kUnchanged);
  EXPECT_EQ(report.instances[0].http_status, 304);
  EXPECT_EQ(fresh.AppliedHash(kong_.base_url()), payload.hash);
}

TEST_F(SenderTest, RejectionIsParsedAndMappedToKubernetesObjects) {
  kong_.SetBrokenObjects({{"Ingress", "default", "echo"}}, /*first_post_only=*/false);
  const PushReport report = sender_.Push(clients_, ConfigPayload::FromBody(kConfig));
  const auto& result = report.instances[0];
  EXPECT_EQ(result.outcome, PushOutcome::kRejected);
  EXPECT_EQ(result.http_status, 400);
  EXPECT_EQ(result.attempts, 1);
  EXPECT_EQ(result.error, "HTTP status 400 (message: \"failed posting new config to /config\")");
  ASSERT_EQ(result.entity_errors.size(), 1u);
  EXPECT_EQ(result.entity_errors[0].entity_type, "route");
  EXPECT_EQ(result.entity_errors[0].entity_name, "default.echo");

  const auto problems = report.Problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].object,
            (ObjectIdentity{"Ingress", "default", "echo", "u-2", "networking.k8s.io", "v1"}));
  EXPECT_EQ(problems[0].object.ApiVersion(), "networking.k8s.io/v1");
  EXPECT_TRUE(problems[0].object.CanReceiveEvent());
  EXPECT_EQ(problems[0].message, "broken object");
  EXPECT_FALSE(sender_.AppliedHash(kong_.base_url()));
}

TEST_F(SenderTest, InvalidConfigYieldsFieldProblems) {
  const PushReport report = sender_.Push(
      clients_, ConfigPayload::FromBody(R"({"_format_version":"3.0","services":[{"name":"s","host":"h",
      "tags":["k8s-name:s","k8s-namespace:ns","k8s-kind:Service","k8s-uid:u","k8s-version:v1"],"port":70000}]})"));
  ASSERT_EQ(report.instances[0].outcome, PushOutcome::kRejected);
  const auto problems = report.Problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].EventMessage(), "invalid port: value should be between 0 and 65535");
  EXPECT_EQ(problems[0].ToProblem().ToString(), "Service ns/s: port: value should be between 0 and 65535");
}

TEST_F(SenderTest, RetriesTransientFailuresThenSucceeds) {
  kong_.FailNext(2, 500);
  PushReport report = sender_.Push(clients_, ConfigPayload::FromBody(kConfig));
  EXPECT_EQ(report.instances[0].outcome, PushOutcome::kApplied);
  EXPECT_EQ(report.instances[0].attempts, 3);

  kong_.FailNext(1, 429);  // with Retry-After: 1, capped by the policy's max_delay
  report = sender_.Push(clients_, ConfigPayload::FromBody(kOtherConfig));
  EXPECT_EQ(report.instances[0].outcome, PushOutcome::kApplied);
  EXPECT_EQ(report.instances[0].attempts, 2);
}

TEST_F(SenderTest, GivesUpAfterMaxAttempts) {
  kong_.FailNext(10, 503);
  const PushReport report = sender_.Push(clients_, ConfigPayload::FromBody(kConfig));
  const auto& result = report.instances[0];
  EXPECT_EQ(result.outcome, PushOutcome::kFailed);
  EXPECT_EQ(result.attempts, 4);
  EXPECT_EQ(result.http_status, 503);
  EXPECT_EQ(result.kong_message, "Kong is shutting down");
  EXPECT_EQ(
      result.error,
      "config update failed: failed to reload declarative configuration: HTTP status 503 (message: \"failed "
      "posting new config to /config\")");
  EXPECT_FALSE(report.AllSucceeded());
}

TEST_F(SenderTest, NeverSucceedsWhenKongIsDown) {
  ASSERT_TRUE(kong_.SetDown(true));
  const PushReport report = sender_.Push(clients_, ConfigPayload::FromBody(kConfig));
  const auto& result = report.instances[0];
  EXPECT_EQ(result.outcome, PushOutcome::kFailed);
  EXPECT_EQ(result.http_status, 0);
  EXPECT_EQ(result.attempts, 4);
  EXPECT_EQ(
      result.error.rfind("config update failed: failed to reload declarative configuration: failed posting "
                         "new config to /config: ",
                         0),
      0u)
      << result.error;

  // Back up: the same config is pushed (nothing was recorded as applied).
  ASSERT_TRUE(kong_.SetDown(false));
  EXPECT_EQ(sender_.Push(clients_, ConfigPayload::FromBody(kConfig)).instances[0].outcome,
            PushOutcome::kApplied);
}

TEST_F(SenderTest, NonRetriableStatusFailsAtOnce) {
  kong_.FailNext(1, 404);
  const PushReport report = sender_.Push(clients_, ConfigPayload::FromBody(kConfig));
  EXPECT_EQ(report.instances[0].outcome, PushOutcome::kFailed);
  EXPECT_EQ(report.instances[0].attempts, 1);
}

TEST(ConfigSender, PushesToSeveralInstancesConcurrently) {
  std::vector<std::unique_ptr<FakeKong>> kongs;
  std::vector<AdminClient> clients;
  for (int i = 0; i < 3; ++i) {
    kongs.push_back(std::make_unique<FakeKong>());
    ASSERT_TRUE(kongs.back()->Start()) << kongs.back()->error();
    kongs.back()->SetDelay(std::chrono::milliseconds(30));
    clients.emplace_back(ClientFor(kongs.back()->base_url()));
  }
  kongs[2]->FailNext(1, 500);
  ConfigSender sender(FastRetry(), 7);
  const PushReport report = sender.Push(clients, ConfigPayload::FromBody(kConfig));
  ASSERT_EQ(report.instances.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(report.instances[i].base_url, kongs[i]->base_url());
    EXPECT_EQ(report.instances[i].outcome, PushOutcome::kApplied) << report.instances[i].error;
    EXPECT_EQ(kongs[i]->Stats().config_posts, i == 2 ? 2 : 1);
  }
  EXPECT_EQ(report.instances[2].attempts, 2);

  // One instance restarts empty: only it is pushed again.
  kongs[1]->RestartEmpty();
  const PushReport again = sender.Push(clients, ConfigPayload::FromBody(kConfig));
  EXPECT_TRUE(again.instances[0].skipped);
  EXPECT_EQ(again.instances[1].outcome, PushOutcome::kApplied);
  EXPECT_FALSE(again.instances[1].skipped);
  EXPECT_TRUE(again.instances[2].skipped);
}

TEST(ConfigSender, OneDeadInstanceDoesNotBlockTheOthers) {
  FakeKong alive;
  FakeKong dead;
  ASSERT_TRUE(alive.Start());
  ASSERT_TRUE(dead.Start());
  ASSERT_TRUE(dead.SetDown(true));
  std::vector<AdminClient> clients = {AdminClient(ClientFor(alive.base_url())),
                                      AdminClient(ClientFor(dead.base_url()))};
  ConfigSender sender(FastRetry(), 3);
  const PushReport report = sender.Push(clients, ConfigPayload::FromBody(kConfig));
  EXPECT_EQ(report.instances[0].outcome, PushOutcome::kApplied);
  EXPECT_EQ(report.instances[1].outcome, PushOutcome::kFailed);
  EXPECT_FALSE(report.AllSucceeded());
}

TEST(RetryPolicy, GrowsExponentiallyWithinBounds) {
  RetryPolicy policy;
  policy.initial_delay = std::chrono::milliseconds(100);
  policy.max_delay = std::chrono::milliseconds(1000);
  policy.jitter = 0.0;
  std::mt19937 random(1);
  EXPECT_EQ(RetryDelay(policy, 2, "", random).count(), 100);
  EXPECT_EQ(RetryDelay(policy, 3, "", random).count(), 200);
  EXPECT_EQ(RetryDelay(policy, 4, "", random).count(), 400);
  EXPECT_EQ(RetryDelay(policy, 10, "", random).count(), 1000);
  EXPECT_EQ(RetryDelay(policy, 2, "5", random).count(), 1000);  // Retry-After honoured, capped
  policy.jitter = 0.5;
  for (int i = 0; i < 50; ++i) {
    const auto delay = RetryDelay(policy, 2, "", random).count();
    EXPECT_GE(delay, 50);
    EXPECT_LE(delay, 150);
  }
}

}  // namespace
}  // namespace kic::kong::admin
