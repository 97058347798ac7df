#include "controller/kong_instances.h"

#include <gtest/gtest.h>

#include "fake_kong.h"
#include "test_objects.h"

namespace kic::controller {
namespace {

using testing::SliceYaml;
using testing::StoreOf;

GatewayDiscoveryOptions AdminService() {
  GatewayDiscoveryOptions options;
  options.service_namespace = "default";
  options.service_name = "kong-admin";
  return options;
}

TEST(GatewayDiscovery, ReadyEndpointsOnAdminPorts) {
  const auto store = StoreOf(
      SliceYaml("kong-admin", {"10.0.0.2", "10.0.0.1"}, "admin-tls", 8444) +
      "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: other\n  namespace: default\n"
      "  labels:\n    kubernetes.io/service-name: kong-admin\naddressType: IPv6\nendpoints:\n"
      "- addresses: [\"fd00::3\"]\n- addresses: [\"10.0.0.9\"]\n  conditions:\n    ready: false\n"
      "- addresses: [\"10.0.0.8\"]\n  conditions:\n    terminating: true\n"
      "ports:\n- name: kong-admin-tls\n  port: 8444\n- name: proxy\n  port: 8000\n");
  const auto found = AdminEndpointsFromSlices(store, AdminService());
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].url, "https://10.0.0.1:8444");
  EXPECT_EQ(found[1].url, "https://10.0.0.2:8444");
  EXPECT_EQ(found[2].url, "https://[fd00::3]:8444");
  EXPECT_EQ(found[0].tls_server_name, "pod.kong-admin.default.svc");
}

TEST(GatewayDiscovery, InstancesFollowSlicesAndReadiness) {
  kic::testing::FakeKongOptions kong_options;
  kong_options.router_flavor = "expressions";
  kic::testing::FakeKong kong(kong_options);
  ASSERT_TRUE(kong.Start()) << kong.error();
  auto options = AdminService();
  options.scheme = "http";
  options.port_names = {"admin"};
  KongInstances instances(kong::admin::ClientOptions{}, options);
  EXPECT_TRUE(instances.Ready().empty());

  instances.UpdateCandidates(StoreOf(SliceYaml("kong-admin", {"127.0.0.1"}, "admin", kong.port())));
  EXPECT_TRUE(instances.Ready().empty());  // not checked yet
  instances.CheckReadiness();
  ASSERT_EQ(instances.Ready().size(), 1u);
  EXPECT_EQ(instances.Ready()[0].base_url(), kong.base_url());
  EXPECT_EQ(instances.expression_routes(), true);
  const auto generation = instances.generation();

  instances.UpdateCandidates(StoreOf(""));
  EXPECT_TRUE(instances.Ready().empty());
  EXPECT_GT(instances.generation(), generation);
  EXPECT_EQ(instances.TakeRemoved(), std::vector<std::string>{kong.base_url()});
}

TEST(StaticInstances, AreAlwaysReady) {
  kong::admin::ClientOptions options;
  options.base_url = "http://127.0.0.1:1";
  KongInstances instances({kong::admin::AdminClient(options)});
  EXPECT_FALSE(instances.discovering());
  ASSERT_EQ(instances.Ready().size(), 1u);
}

}  // namespace
}  // namespace kic::controller
