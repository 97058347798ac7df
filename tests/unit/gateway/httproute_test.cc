#include <gtest/gtest.h>

#include "gateway_test_util.h"

namespace kic::translate {
namespace {

using testing::FindRoute;
using testing::FindService;
using testing::FindStatus;
using testing::GatewaySetup;
using testing::TranslateYaml;

const std::string kHttpGateway = GatewaySetup("[{name: http, port: 80, protocol: HTTP}]", "http");

std::string Route(const std::string& spec_rest, const std::string& ns = "d",
                  const std::string& parent = "{name: gw}") {
  return "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: " + ns +
         ", generation: 3}\nspec:\n  parentRefs: [" + parent + "]\n" + spec_rest;
}

TEST(HttpRouteAttachment, AcceptedRouteIsTranslatedWithListenerProtocols) {
  const auto r = TranslateYaml(kHttpGateway + Route("  rules: [{backendRefs: [{name: web, port: 80}]}]\n"));
  const auto* route = FindRoute(r, "httproute.d.r.0.0");
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->protocols, (std::vector<std::string>{"http"}));
  // API defaults: match PathPrefix "/" → "~/$" and "/".
  EXPECT_EQ(route->paths, (std::vector<std::string>{"~/$", "/"}));
  const auto* svc = FindService(r, "httproute.d.r.0");
  ASSERT_NE(svc, nullptr);
  EXPECT_TRUE(svc->plugins.empty());  // kind defaulted to Service: the backend is usable
}

TEST(HttpRouteAttachment, RouteOfOtherNamespaceIsNotAllowedByDefault) {
  const auto r = TranslateYaml(kHttpGateway + Route("  rules: [{backendRefs: [{name: web, port: 80}]}]\n",
                                                    "other", "{name: gw, namespace: d}"));
  EXPECT_EQ(FindRoute(r, "httproute.other.r.0.0"), nullptr);
  const auto* status = FindStatus(r, "HTTPRoute", "r");
  ASSERT_NE(status, nullptr);
  const auto& accepted = status->status["parents"][0]["conditions"][0];
  EXPECT_EQ(accepted["type"], "Accepted");
  EXPECT_EQ(accepted["status"], "False");
  EXPECT_EQ(accepted["reason"], "NotAllowedByListeners");
}

TEST(HttpRouteAttachment, UnknownSectionIsNoMatchingParent) {
  const auto r = TranslateYaml(kHttpGateway + Route("  rules: [{}]\n", "d", "{name: gw, sectionName: nope}"));
  const auto* status = FindStatus(r, "HTTPRoute", "r");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->status["parents"][0]["conditions"][0]["reason"], "NoMatchingParent");
  EXPECT_EQ(status->status["parents"][0]["parentRef"]["sectionName"], "nope");
  EXPECT_EQ(r.config.services.size(), 0u);
}

TEST(HttpRouteAttachment, HostnamesAreIntersectedWithTheListener) {
  const std::string gw =
      GatewaySetup("[{name: http, port: 80, protocol: HTTP, hostname: a.example.com}]", "http");
  const auto r = TranslateYaml(gw + Route("  hostnames: ['*.example.com', b.example.org]\n  rules: [{}]\n"));
  const auto* route = FindRoute(r, "httproute.d.r.0.0");
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->hosts, (std::vector<std::string>{"a.example.com"}));

  const auto none = TranslateYaml(gw + Route("  hostnames: [b.example.org]\n  rules: [{}]\n"));
  EXPECT_EQ(none.config.services.size(), 0u);
  EXPECT_EQ(FindStatus(none, "HTTPRoute", "r")->status["parents"][0]["conditions"][0]["reason"],
            "NoMatchingListenerHostname");
}

TEST(HttpRouteAttachment, GatewayOfAnotherControllerIsIgnored) {
  std::string yaml = kHttpGateway;
  yaml.replace(yaml.find("konghq.com/kic-gateway-controller"), 33, "example.com/other-controller");
  const auto r = TranslateYaml(yaml + Route("  rules: [{}]\n"));
  EXPECT_EQ(r.config.services.size(), 0u);
  EXPECT_EQ(FindStatus(r, "HTTPRoute", "r"), nullptr);
}

TEST(HttpRouteGrouping, RulesWithSameBackendsShareAServiceAndMatchesShareRoutes) {
  const auto r = TranslateYaml(kHttpGateway + R"(
apiVersion: v1
kind: Service
metadata: {name: api, namespace: d}
spec: {ports: [{port: 8080}]}
---
)" + Route(R"(  rules:
  - name: one
    matches: [{path: {type: PathPrefix, value: /a}}]
    backendRefs: [{name: web, port: 80}, {name: api, port: 8080}]
  - name: two
    matches: [{path: {type: Exact, value: /b}}, {path: {type: PathPrefix, value: /c}, method: GET}]
    backendRefs: [{name: api, port: 8080}, {name: web, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /d}}]
    filters: [{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: X-A, value: "1"}]}}]
    backendRefs: [{name: web, port: 80}, {name: api, port: 8080}]
)"));
  // One service for all three rules: same backends, order aside.
  ASSERT_EQ(r.config.services.size(), 1u);
  const auto& svc = r.config.services.front();
  EXPECT_EQ(svc.name, "httproute.d.r.0");
  // Rules 0 and 1 (no filters): path-only matches merge, the GET match is apart; rule 2 (filters) alone.
  ASSERT_EQ(svc.routes.size(), 3u);
  const auto* merged = FindRoute(r, "httproute.d.r.0.0");
  ASSERT_NE(merged, nullptr);
  EXPECT_EQ(merged->paths, (std::vector<std::string>{"~/a$", "/a/", "~/b$"}));
  EXPECT_EQ(std::count(merged->tags.begin(), merged->tags.end(), "k8s-named-route-rule:one"), 1);
  EXPECT_EQ(std::count(merged->tags.begin(), merged->tags.end(), "k8s-named-route-rule:two"), 1);
  const auto* get = FindRoute(r, "httproute.d.r.1.1");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->methods, (std::vector<std::string>{"GET"}));
  const auto* filtered = FindRoute(r, "httproute.d.r.2.0");
  ASSERT_NE(filtered, nullptr);
  ASSERT_EQ(filtered->plugins.size(), 1u);
  EXPECT_EQ(filtered->plugins[0].name, "request-transformer");
  EXPECT_EQ(filtered->plugins[0].config, nlohmann::json::parse(R"({"append": {"headers": ["X-A:1"]}})"));
  // Two Services behind one Kong service: the HTTPRoute's tags.
  EXPECT_NE(std::find(svc.tags.begin(), svc.tags.end(), "k8s-kind:HTTPRoute"), svc.tags.end());
}

TEST(HttpRouteFilters, RedirectAndRewriteAndHeaders) {
  const auto r = TranslateYaml(kHttpGateway + Route(R"(  rules:
  - matches: [{path: {type: PathPrefix, value: /old}}]
    filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https, hostname: example.com, port: 8443, statusCode: 301,
                        path: {type: ReplaceFullPath, replaceFullPath: /new/}}
  - matches: [{path: {type: PathPrefix, value: /api/}}]
    filters:
    - type: URLRewrite
      urlRewrite: {hostname: internal, path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2/}}
    - type: ResponseHeaderModifier
      responseHeaderModifier: {set: [{name: X-S, value: s}], remove: [X-R]}
    backendRefs: [{name: web, port: 80}]
)"));
  const auto* redirect = FindRoute(r, "httproute.d.r.0.0");
  ASSERT_NE(redirect, nullptr);
  ASSERT_EQ(redirect->plugins.size(), 1u);
  EXPECT_EQ(redirect->plugins[0].name, "redirect");
  EXPECT_EQ(redirect->plugins[0].config, nlohmann::json::parse(R"({"status_code": 301,
      "location": "https://example.com:8443/new", "keep_incoming_path": false})"));
  // A rule without backendRefs gets no terminator.
  EXPECT_TRUE(FindService(r, "httproute.d.r.0")->plugins.empty());

  const auto* rewrite = FindRoute(r, "httproute.d.r.1.0");
  ASSERT_NE(rewrite, nullptr);
  EXPECT_EQ(rewrite->paths, (std::vector<std::string>{"~/api$", "~/api(/.*)"}));
  ASSERT_EQ(rewrite->plugins.size(), 2u);  // by name, descending
  EXPECT_EQ(rewrite->plugins[0].name, "response-transformer");
  EXPECT_EQ(rewrite->plugins[0].config,
            nlohmann::json::parse(R"({"replace": {"headers": ["X-S:s"]}, "add": {"headers": ["X-S:s"]},
                                      "remove": {"headers": ["X-R"]}})"));
  EXPECT_EQ(rewrite->plugins[1].name, "request-transformer");
  EXPECT_EQ(
      rewrite->plugins[1].config,
      nlohmann::json::parse(R"x({"replace": {"uri": "/v2$(uri_captures[1])", "headers": ["host:internal"]
}
, "add" : {
  "headers" : ["host:internal"]
}
})x"));
}

TEST(HttpRouteFilters, UnsupportedFilterStopsOnlyThatRoute) {
  const auto r = TranslateYaml(kHttpGateway + Route(R"(  rules:
  - filters: [{type: RequestMirror, requestMirror: {backendRef: {name: web, port: 80}}}]
    backendRefs: [{name: web, port: 80}]
)") + "---\n" +
                               Route("  rules: [{backendRefs: [{name: web, port: 80}]}]\n")
                                   .replace(Route("").find("name: r"), 7, "name: ok"));
  EXPECT_EQ(FindRoute(r, "httproute.d.r.0.0"), nullptr);
  EXPECT_NE(FindRoute(r, "httproute.d.ok.0.0"), nullptr);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_NE(r.problems[0].message.find("httpFilter RequestMirror unsupported"), std::string::npos);
  const auto* status = FindStatus(r, "HTTPRoute", "r");
  EXPECT_EQ(status->status["parents"][0]["conditions"][2]["reason"], "TranslationError");
}

TEST(HttpRouteReferenceGrant, CrossNamespaceBackendNeedsAGrant) {
  const std::string other = R"(
apiVersion: v1
kind: Service
metadata: {name: far, namespace: o}
spec: {ports: [{port: 80}]}
---
)";
  const std::string route = Route("  rules: [{backendRefs: [{name: far, namespace: o, port: 80}]}]\n");
  const auto denied = TranslateYaml(kHttpGateway + other + route);
  const auto* svc = FindService(denied, "httproute.d.r.0");
  ASSERT_NE(svc, nullptr);
  ASSERT_EQ(svc->plugins.size(), 1u);
  EXPECT_EQ(svc->plugins[0].config["message"], "no existing backendRef provided");
  const auto& resolved = FindStatus(denied, "HTTPRoute", "r")->status["parents"][0]["conditions"][1];
  EXPECT_EQ(resolved["type"], "ResolvedRefs");
  EXPECT_EQ(resolved["reason"], "RefNotPermitted");

  const std::string grant = R"(
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: o}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: d}]
  to: [{group: "", kind: Service}]
---
)";
  const auto granted = TranslateYaml(kHttpGateway + other + grant + route);
  EXPECT_TRUE(FindService(granted, "httproute.d.r.0")->plugins.empty());
  EXPECT_EQ(FindStatus(granted, "HTTPRoute", "r")->status["parents"][0]["conditions"][1]["reason"],
            "ResolvedRefs");
}

TEST(HttpRouteStatus, AcceptedParentEntry) {
  const auto r =
      TranslateYaml(kHttpGateway + Route("  rules: [{backendRefs: [{name: missing, port: 80}]}]\n"));
  const auto* status = FindStatus(r, "HTTPRoute", "r");
  ASSERT_NE(status, nullptr);
  const auto& parent = status->status["parents"][0];
  EXPECT_EQ(parent["controllerName"], "konghq.com/kic-gateway-controller");
  EXPECT_EQ(parent["parentRef"],
            nlohmann::json::parse(R"({"group": "gateway.networking.k8s.io", "kind": "Gateway",
                                                           "namespace": "d", "name": "gw"})"));
  EXPECT_EQ(parent["conditions"][0]["reason"], "Accepted");
  EXPECT_EQ(parent["conditions"][0]["observedGeneration"], 3);
  EXPECT_EQ(parent["conditions"][1]["reason"], "BackendNotFound");
  EXPECT_EQ(parent["conditions"][1]["message"], "target d/missing of type Service does not exist");
  EXPECT_EQ(parent["conditions"][2]["reason"], "ConfiguredInGateway");
}

TEST(HttpRouteAsWritten, WithoutDefaultsABackendWithoutKindIsSkipped) {
  Options options;
  options.apply_api_defaults = false;
  options.routes_need_accepting_gateway = false;
  // As in KIC's golden tests: no Gateway needed, and no kind means no usable backend.
  const auto r = TranslateYaml(Route("  rules: [{backendRefs: [{name: web, port: 80}]}]\n") +
                                   "---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: d}\n"
                                   "spec: {ports: [{port: 80}]}\n",
                               options);
  const auto* svc = FindService(r, "httproute.d.r.0");
  ASSERT_NE(svc, nullptr);
  ASSERT_EQ(svc->plugins.size(), 1u);
  EXPECT_EQ(svc->plugins[0].name, "request-termination");
  const auto* route = FindRoute(r, "httproute.d.r.0.0");
  ASSERT_NE(route, nullptr);
  EXPECT_FALSE(route->protocols.has_value());
  // A rule without matches and no hostnames catches everything; Kong needs a matcher for that.
  EXPECT_EQ(route->paths, (std::vector<std::string>{"/"}));
}

}  // namespace
}  // namespace kic::translate
