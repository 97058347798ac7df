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

namespace kic::translate {
namespace {

using testing::FindStatus;
using testing::GatewaySetup;
using testing::TranslateYaml;

std::string ProgrammedReason(const StatusUpdate& s) {
  for (const auto& c : s.status["parents"][0]["conditions"])
    if (c["type"] == "Programmed")
      return c["status"].get<std::string>() + "/" + c["reason"].get<std::string>();
  return "";
}

// A KongPlugin named by an ExtensionRef that does not exist is found by the plugin pass, after
// the routes: it still makes the route's Programmed condition TranslationError (KIC: a failure
// of each referrer), while the route stays Accepted and configured.
TEST(GatewayStatus, LateTranslationFailureMarksRouteNotProgrammed) {
  const auto r = TranslateYaml(GatewaySetup("[{name: http, port: 80, protocol: HTTP}]", "http") + R"(
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: d}
spec:
  parentRefs: [{name: gw}]
  rules:
  - filters:
    - {type: ExtensionRef, extensionRef: {group: configuration.konghq.com, kind: KongPlugin, name: absent}}
    backendRefs: [{name: web, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: fine, namespace: d}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
)");
  const auto* bad = FindStatus(r, "HTTPRoute", "r");
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(ProgrammedReason(*bad), "False/TranslationError");
  EXPECT_EQ(bad->status["parents"][0]["conditions"][0]["reason"], "Accepted");
  const auto* fine = FindStatus(r, "HTTPRoute", "fine");
  ASSERT_NE(fine, nullptr);
  EXPECT_EQ(ProgrammedReason(*fine), "True/ConfiguredInGateway");
}

TEST(GatewayStatus, CertificateSecretWithoutPemIsInvalid) {
  const auto r = TranslateYaml(GatewaySetup(R"([{name: https, port: 443, protocol: HTTPS,
      tls: {certificateRefs: [{name: not-pem}]}}])",
                                            "https") +
                               R"(
apiVersion: v1
kind: Secret
metadata: {name: not-pem, namespace: d}
type: kubernetes.io/tls
data: {tls.crt: SGVsbG8gd29ybGQK, tls.key: SGVsbG8gd29ybGQK}
)");
  const auto* gw = FindStatus(r, "Gateway", "gw");
  ASSERT_NE(gw, nullptr);
  bool invalid = false;
  for (const auto& c : gw->status["listeners"][0]["conditions"])
    invalid = invalid || (c["type"] == "ResolvedRefs" && c["reason"] == "InvalidCertificateRef");
  EXPECT_TRUE(invalid) << gw->status.dump();
}

}  // namespace
}  // namespace kic::translate
