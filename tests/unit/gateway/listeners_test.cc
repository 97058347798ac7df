#include <gtest/gtest.h>

#include "gateway_test_util.h"
#include "translate/gateway_listeners.h"

namespace kic::translate {
namespace {

using testing::FindStatus;
using testing::TranslateYaml;

kube::StringMap Labels(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  kube::StringMap out;
  for (const auto& [k, v] : pairs) out.Set(k, v);
  return out;
}

kube::LabelSelectorRequirement Req(std::string key, std::string op, std::vector<std::string> values = {}) {
  return {std::move(key), std::move(op), std::move(values)};
}

TEST(SelectorMatches, MatchLabelsNeedEveryPair) {
  kube::LabelSelector s;
  s.match_labels.Set("team", "web");
  s.match_labels.Set("tier", "edge");
  EXPECT_TRUE(SelectorMatches(s, Labels({{"team", "web"}, {"tier", "edge"}, {"extra", "x"}})));
  EXPECT_FALSE(SelectorMatches(s, Labels({{"team", "web"}})));
  EXPECT_FALSE(SelectorMatches(s, Labels({{"team", "web"}, {"tier", "core"}})));
}

TEST(SelectorMatches, EachOperator) {
  const auto labels = Labels({{"env", "dev"}, {"owner", "ada"}});
  auto with = [](kube::LabelSelectorRequirement r) {
    kube::LabelSelector s;
    s.match_expressions.push_back(std::move(r));
    return s;
  };
  EXPECT_TRUE(SelectorMatches(with(Req("env", "In", {"dev", "test"})), labels));
  EXPECT_FALSE(SelectorMatches(with(Req("env", "In", {"prod"})), labels));
  EXPECT_FALSE(SelectorMatches(with(Req("missing", "In", {"x"})), labels));
  EXPECT_TRUE(SelectorMatches(with(Req("env", "NotIn", {"prod"})), labels));
  EXPECT_FALSE(SelectorMatches(with(Req("env", "NotIn", {"dev"})), labels));
  // NotIn holds for a label that is absent (Kubernetes semantics).
  EXPECT_TRUE(SelectorMatches(with(Req("missing", "NotIn", {"x"})), labels));
  EXPECT_TRUE(SelectorMatches(with(Req("owner", "Exists")), labels));
  EXPECT_FALSE(SelectorMatches(with(Req("legacy", "Exists")), labels));
  EXPECT_TRUE(SelectorMatches(with(Req("legacy", "DoesNotExist")), labels));
  EXPECT_FALSE(SelectorMatches(with(Req("owner", "DoesNotExist")), labels));
  EXPECT_FALSE(SelectorMatches(with(Req("env", "Bogus", {"dev"})), labels));
}

TEST(SelectorMatches, EmptySelectorMatchesEverything) {
  EXPECT_TRUE(SelectorMatches(kube::LabelSelector{}, Labels({})));
}

// A Gateway whose status we write attaches routes through the listener status computed in the
// same pass: no status stored on the Gateway is needed (the suite's manifests carry none).
TEST(ListenerStates, ManagedGatewayUsesComputedStatus) {
  const auto r = TranslateYaml(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: kong
  annotations: {konghq.com/gatewayclass-unmanaged: "true"}
spec: {controllerName: konghq.com/kic-gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: d}
spec:
  gatewayClassName: kong
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - {name: dup, port: 81, protocol: HTTP}
  - {name: dup2, port: 81, protocol: HTTP}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: d}
spec: {ports: [{port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ok, namespace: d}
spec:
  parentRefs: [{name: gw, sectionName: http}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: conflicted, namespace: d}
spec:
  parentRefs: [{name: gw, sectionName: dup}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
)");
  const auto* ok = FindStatus(r, "HTTPRoute", "ok");
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->status["parents"][0]["conditions"][0]["reason"], "Accepted");
  // A conflicted listener is not Programmed, so nothing attaches to it; the sectionName check comes
  // after the Programmed one and so never matches: KIC's reason is NoMatchingParent.
  const auto* conflicted = FindStatus(r, "HTTPRoute", "conflicted");
  ASSERT_NE(conflicted, nullptr);
  EXPECT_EQ(conflicted->status["parents"][0]["conditions"][0]["status"], "False");
  EXPECT_EQ(conflicted->status["parents"][0]["conditions"][0]["reason"], "NoMatchingParent");
  const auto* gw = FindStatus(r, "Gateway", "gw");
  ASSERT_NE(gw, nullptr);
  EXPECT_EQ(gw->status["listeners"][0]["attachedRoutes"], 1);
  EXPECT_EQ(gw->status["listeners"][1]["attachedRoutes"], 0);
}

// Objects taken as KIC's cache holds them keep their stored listener status (KIC's golden tests).
TEST(ListenerStates, AsCachedGatewayUsesStoredStatus) {
  Options options;
  options.routes_need_accepting_gateway = false;
  options.apply_api_defaults = false;
  const auto r = TranslateYaml(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: kong
  annotations: {konghq.com/gatewayclass-unmanaged: "true"}
spec: {controllerName: konghq.com/kic-gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: d}
spec:
  gatewayClassName: kong
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: d}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
)",
                               options);
  const auto* route = FindStatus(r, "HTTPRoute", "r");
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->status["parents"][0]["conditions"][0]["reason"], "NotAllowedByListeners");
  // The status written for the Gateway is still computed from its spec.
  const auto* gw = FindStatus(r, "Gateway", "gw");
  ASSERT_NE(gw, nullptr);
  EXPECT_EQ(gw->status["listeners"][0]["supportedKinds"].size(), 2u);
  EXPECT_EQ(gw->status["listeners"][0]["conditions"].size(), 4u);
}

}  // namespace
}  // namespace kic::translate
