#include "kong/admin/client.h"

#include <gtest/gtest.h>

#include "fake_kong.h"
#include "fast_retry.h"
#include "kong/admin/startup_probe.h"

namespace kic::kong::admin {
namespace {

using kic::testing::FakeKong;
using kic::testing::FakeKongOptions;
using testing::ClientFor;

TEST(RootInfo, ParsesVersionDatabaseAndRouterFlavor) {
  FakeKongOptions options;
  options.router_flavor = "expressions";
  FakeKong kong(options);
  ASSERT_TRUE(kong.Start()) << kong.error();

  const RootResponse root = AdminClient(ClientFor(kong.base_url())).GetRoot();
  ASSERT_TRUE(root.info) << root.error;
  EXPECT_EQ(root.info->version, "3.9.1");
  EXPECT_EQ(root.info->semver, (SemanticVersion{3, 9, 1}));
  EXPECT_FALSE(root.info->enterprise);
  EXPECT_TRUE(root.info->IsDbLess());
  EXPECT_EQ(root.info->router_flavor, "expressions");
  EXPECT_EQ(root.info->proxy_listeners.size(), 2u);
  EXPECT_FALSE(root.info->enabled_plugins.empty());
  EXPECT_EQ(CheckKongCompatibility(*root.info), "");
}

TEST(RootInfo, ParsesEnterpriseVersions) {
  const auto parsed =
      ParseRootInfo(R"({"version":"3.4.3.2-enterprise-edition","configuration":{"database":"off"}})");
  ASSERT_TRUE(parsed.info);
  EXPECT_TRUE(parsed.info->enterprise);
  EXPECT_EQ(parsed.info->semver, (SemanticVersion{3, 4, 3}));
  EXPECT_FALSE(ParseRootInfo("not json").info);
  EXPECT_FALSE(ParseRootInfo(R"({"version":"garbage"})").info);
}

TEST(RootInfo, RefusesKongOlderThan341) {
  for (const char* version : {"3.4.0", "2.8.5", "3.3.1"}) {
    const auto parsed = ParseRootInfo(std::string(R"({"version":")") + version + R"("})");
    ASSERT_TRUE(parsed.info);
    EXPECT_EQ(CheckKongCompatibility(*parsed.info),
              std::string("Kong version ") + version + " is not supported: the minimum is 3.4.1");
  }
  const auto ok = ParseRootInfo(R"({"version":"3.4.1"})");
  EXPECT_EQ(CheckKongCompatibility(*ok.info), "");
  const auto cassandra = ParseRootInfo(R"({"version":"3.9.0","configuration":{"database":"cassandra"}})");
  EXPECT_NE(CheckKongCompatibility(*cassandra.info), "");
}

TEST(StartupProbe, RefusesOldKongWithoutRetrying) {
  FakeKongOptions options;
  options.version = "3.3.0";
  FakeKong kong(options);
  ASSERT_TRUE(kong.Start()) << kong.error();

  const auto result =
      ProbeKongAtStartup(AdminClient(ClientFor(kong.base_url())), {5, std::chrono::milliseconds(1)});
  EXPECT_FALSE(result.Ok());
  EXPECT_EQ(result.attempts, 1);
  EXPECT_NE(result.error.find("3.3.0 is not supported"), std::string::npos) << result.error;
}

TEST(StartupProbe, RetriesUntilKongAnswers) {
  FakeKong kong;
  ASSERT_TRUE(kong.Start()) << kong.error();
  kong.FailNext(2, 503);

  const auto result =
      ProbeKongAtStartup(AdminClient(ClientFor(kong.base_url())), {5, std::chrono::milliseconds(1)});
  EXPECT_TRUE(result.Ok()) << result.error;
  EXPECT_EQ(result.attempts, 3);
}

TEST(StartupProbe, GivesUpAfterTheConfiguredRetries) {
  FakeKong kong;
  ASSERT_TRUE(kong.Start()) << kong.error();
  ASSERT_TRUE(kong.SetDown(true));

  const auto result =
      ProbeKongAtStartup(AdminClient(ClientFor(kong.base_url())), {3, std::chrono::milliseconds(1)});
  EXPECT_FALSE(result.Ok());
  EXPECT_EQ(result.attempts, 3);
  EXPECT_NE(result.error.find("not ready after 3 attempts"), std::string::npos) << result.error;
}

TEST(AdminClient, SendsTokenExtraHeadersAndReadsStatus) {
  FakeKongOptions options;
  options.required_admin_token = "s3cret";
  FakeKong kong(options);
  ASSERT_TRUE(kong.Start()) << kong.error();

  ClientOptions client_options = ClientFor(kong.base_url());
  EXPECT_EQ(AdminClient(client_options).Get("/status").status, 401);

  client_options.admin_token = "s3cret";
  client_options.extra_headers = {"X-Extra: yes"};
  const StatusResponse status = AdminClient(client_options).GetStatus();
  ASSERT_TRUE(status.info) << status.error;
  EXPECT_EQ(status.info->configuration_hash, "00000000000000000000000000000000");
  EXPECT_EQ(kong.Stats().last_admin_token, "s3cret");
}

TEST(AdminClient, ReportsTransportErrorsAsValues) {
  FakeKong kong;
  ASSERT_TRUE(kong.Start()) << kong.error();
  const std::string url = kong.base_url();
  kong.Stop();

  const HttpResult result = AdminClient(ClientFor(url)).Get("/");
  EXPECT_FALSE(result.HasResponse());
  EXPECT_FALSE(result.transport_error.empty());

  ClientOptions bad = ClientFor("ftp://nowhere");
  EXPECT_NE(AdminClient(bad).Get("/").transport_error.find("must start with http"), std::string::npos);
  bad = ClientFor(url);
  bad.extra_headers = {"no-colon"};
  EXPECT_NE(AdminClient(bad).Get("/").transport_error.find("expected name:value"), std::string::npos);
}

}  // namespace
}  // namespace kic::kong::admin
