#include <gtest/gtest.h>

#include "gateway_test_util.h"

namespace kic::translate {
namespace {

using testing::FindStatus;
using testing::GatewaySetup;
using testing::TranslateYaml;

std::vector<std::string> Reasons(const nlohmann::json& conditions) {
  std::vector<std::string> out;
  for (const auto& c : conditions)
    out.push_back(c["type"].get<std::string>() + "/" + c["reason"].get<std::string>());
  return out;
}

TEST(GatewayStatus, ClassAcceptedAndHealthyListeners) {
  const auto r = TranslateYaml(GatewaySetup("[{name: http, port: 80, protocol: HTTP}]", "http") + R"(
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: d}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
)");
  const auto* gc = FindStatus(r, "GatewayClass", "kong");
  ASSERT_NE(gc, nullptr);
  EXPECT_EQ(gc->status["conditions"][0]["message"], "the gatewayclass has been accepted by the controller");
  const auto* gw = FindStatus(r, "Gateway", "gw");
  ASSERT_NE(gw, nullptr);
  EXPECT_EQ(Reasons(gw->status["conditions"]),
            (std::vector<std::string>{"Accepted/Accepted", "Programmed/Programmed"}));
  EXPECT_EQ(gw->status["conditions"][0]["observedGeneration"], 2);
  const auto& listener = gw->status["listeners"][0];
  EXPECT_EQ(listener["attachedRoutes"], 1);
  EXPECT_EQ(listener["supportedKinds"].size(), 2u);
  EXPECT_EQ(Reasons(listener["conditions"]),
            (std::vector<std::string>{"Accepted/Accepted", "Conflicted/NoConflicts", "Programmed/Programmed",
                                      "ResolvedRefs/ResolvedRefs"}));
  EXPECT_FALSE(gw->status.contains("addresses"));
}

TEST(GatewayStatus, ConflictsAndBadReferences) {
  const auto r =
      TranslateYaml(GatewaySetup(R"([{name: a, port: 80, protocol: HTTP}, {name: b, port: 80, protocol: TCP},
      {name: c, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: cert, namespace: elsewhere}]}},
      {name: d, port: 9000, protocol: HTTP, allowedRoutes: {kinds: [{kind: Foo}]}}])",
                                 "a,b,c,d"));
  const auto* gw = FindStatus(r, "Gateway", "gw");
  ASSERT_NE(gw, nullptr);
  const auto& l = gw->status["listeners"];
  EXPECT_EQ(
      Reasons(l[0]["conditions"]),
      (std::vector<std::string>{"Accepted/Accepted", "Conflicted/ProtocolConflict", "Programmed/Invalid"}));
  EXPECT_EQ(
      Reasons(l[1]["conditions"]),
      (std::vector<std::string>{"Accepted/Accepted", "Conflicted/ProtocolConflict", "Programmed/Invalid"}));
  EXPECT_EQ(Reasons(l[2]["conditions"]), (std::vector<std::string>{"Accepted/Accepted", "Programmed/Invalid",
                                                                   "ResolvedRefs/RefNotPermitted"}));
  EXPECT_EQ(Reasons(l[3]["conditions"]), (std::vector<std::string>{"Accepted/Accepted", "Programmed/Invalid",
                                                                   "ResolvedRefs/InvalidRouteKinds"}));
  EXPECT_TRUE(l[3]["supportedKinds"].empty());
}

TEST(GatewayStatus, PublishServiceAddresses) {
  Options options;
  options.publish_services = {"kong/proxy"};
  const auto r = TranslateYaml(GatewaySetup("[{name: http, port: 80, protocol: HTTP}]", "http") + R"(
apiVersion: v1
kind: Service
metadata: {name: proxy, namespace: kong}
spec: {type: LoadBalancer, clusterIP: 10.0.0.1, ports: [{port: 80}]}
status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
)",
                               options);
  const auto* gw = FindStatus(r, "Gateway", "gw");
  ASSERT_NE(gw, nullptr);
  EXPECT_EQ(gw->status["addresses"], nlohmann::json::parse(R"([{"type": "IPAddress", "value": "1.2.3.4"}])"));
}

TEST(GatewayStatus, ManagedGatewaysAreLeftToTheirController) {
  std::string yaml = GatewaySetup("[{name: http, port: 80, protocol: HTTP}]", "http");
  const std::string unmanaged = "annotations: {konghq.com/gatewayclass-unmanaged: \"true\"}";
  yaml.replace(yaml.find(unmanaged), unmanaged.size(), "labels: {}");
  const auto r = TranslateYaml(yaml);
  EXPECT_NE(FindStatus(r, "GatewayClass", "kong"), nullptr);
  EXPECT_EQ(FindStatus(r, "Gateway", "gw"), nullptr);
}

}  // namespace
}  // namespace kic::translate
