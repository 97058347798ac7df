#include <gtest/gtest.h>

#include "kong/serialize.h"
#include "kube/manifest_loader.h"
#include "translate/atc.h"
#include "translate/ingress_paths.h"
#include "translate/options.h"
#include "translate/translator.h"

namespace kic::translate {
namespace {

Result TranslateYaml(const std::string& yaml, Options options = {}) {
  kube::Store store;
  kube::LoadResult loaded;
  kube::LoadYamlText(yaml, "test.yaml", store, loaded);
  EXPECT_TRUE(loaded.problems.empty());
  return Translate(store, options);
}

const char* kBase = R"(
apiVersion: v1
kind: Service
metadata: {name: web, namespace: d}
spec: {ports: [{port: 80}]}
---
)";

std::string IngressYaml(const std::string& name, const std::string& annotations,
                        const std::string& path_type = "Prefix") {
  return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name +
         "\n  namespace: d\n  annotations: {" + annotations +
         "}\nspec:\n  ingressClassName: kong\n  rules:\n  - host: " + name +
         ".example.com\n    http:\n      paths:\n      - path: /\n        pathType: " + path_type +
         "\n        backend: {service: {name: web, port: {number: 80}}}\n";
}

TEST(KongPaths, PerPathType) {
  EXPECT_EQ(KongPathsFor("/api", "Prefix", "/~"), (std::vector<std::string>{"/api/", "~/api$"}));
  EXPECT_EQ(KongPathsFor("/api/", "Prefix", "/~"), (std::vector<std::string>{"/api/", "~/api$"}));
  EXPECT_EQ(KongPathsFor("/", "Prefix", "/~"), (std::vector<std::string>{"/"}));
  EXPECT_EQ(KongPathsFor("/", "Exact", "/~"), (std::vector<std::string>{"~/$"}));
  EXPECT_EQ(KongPathsFor("", "ImplementationSpecific", "/~"), (std::vector<std::string>{"/"}));
  EXPECT_EQ(KongPathsFor("/~/foo/\\d{3}", "ImplementationSpecific", "/~"),
            (std::vector<std::string>{"~/foo/\\d{3}"}));
  EXPECT_EQ(KongPathsFor("//a//b", "ImplementationSpecific", "/~"), (std::vector<std::string>{"/a/b"}));
}

TEST(Atc, RenderingRules) {
  EXPECT_EQ(atc::And({}), "");
  EXPECT_EQ(atc::And({"", "a"}), "a");
  EXPECT_EQ(atc::And({"a", atc::Or({"b", "c"})}), "(a) && ((b) || (c))");
  EXPECT_EQ(atc::Predicate("http.path", "~", "^/a\\d\"\n"), "http.path ~ \"^/a\\\\d\\\"\\n\"");
  EXPECT_EQ(atc::HeaderField("X-Forwarded-For"), "http.headers.x_forwarded_for");
  EXPECT_EQ(atc::HostsMatcher({"*.a.com", "b.com", "bad host"}),
            "(http.host =^ \".a.com\") || (http.host == \"b.com\")");
  EXPECT_EQ(atc::IntPredicate("net.dst.port", "==", 1025), "net.dst.port == 1025");
}

TEST(FeatureGates, ParsesAndRejects) {
  FeatureFlags flags;
  EXPECT_EQ(ApplyFeatureGates("ExpressionRoutes=true, RewriteURIs=True", flags), "");
  EXPECT_TRUE(flags.expression_routes);
  EXPECT_TRUE(flags.rewrite_uris);
  EXPECT_NE(ApplyFeatureGates("NoSuchGate=true", flags), "");
  EXPECT_NE(ApplyFeatureGates("FillIDs=maybe", flags), "");
  EXPECT_NE(ApplyFeatureGates("FillIDs", flags), "");
}

TEST(Translate, MissingServiceIsAProblemOnTheIngress) {
  const auto result = TranslateYaml(IngressYaml("orphan", "").replace(0, 0, ""));
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].object, "Ingress d/orphan");
  EXPECT_NE(result.problems[0].message.find("Service d/web not found"), std::string::npos);
  ASSERT_EQ(result.config.services.size(), 1u);
  EXPECT_EQ(result.config.services[0].tags[0], "k8s-name:UNKNOWN");
}

TEST(Translate, BadAnnotationIsReportedOnceAndTheRestStillApplies) {
  const auto result =
      TranslateYaml(std::string(kBase) +
                    IngressYaml("a", "konghq.com/strip-path: sometimes, konghq.com/preserve-host: 'false'"));
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].field, "metadata.annotations[konghq.com/strip-path]");
  const auto& route = result.config.services.at(0).routes.at(0);
  EXPECT_EQ(route.strip_path, false);
  EXPECT_EQ(route.preserve_host, false);
}

TEST(Translate, OneBrokenIngressDoesNotStopTheOthers) {
  const auto result = TranslateYaml(std::string(kBase) + IngressYaml("broken", "", "Regex") + "---\n" +
                                    IngressYaml("good", ""));
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].object, "Ingress d/broken");
  EXPECT_EQ(result.problems[0].field, "spec.rules[0].http.paths[0].pathType");
  ASSERT_EQ(result.config.services.size(), 1u);
  ASSERT_EQ(result.config.services[0].routes.size(), 1u);
  EXPECT_EQ(result.config.services[0].routes[0].name, "d.good.web.good.example.com.80");
}

TEST(Translate, IngressClassOptionSelects) {
  Options options;
  options.ingress_class = "internal";
  const auto result = TranslateYaml(std::string(kBase) + IngressYaml("a", ""), options);
  EXPECT_TRUE(result.config.services.empty());
  ASSERT_EQ(result.config.upstreams.size(), 1u);
  EXPECT_EQ(result.config.upstreams[0].name, "kong");  // the stub an empty DB-less config gets
}

TEST(Translate, ExpressionPriorityOfWorkedExample) {
  // kic-expressions-and-status.md §1.3 worked example.
  Options options;
  options.flags.expression_routes = true;
  const std::string ingress =
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x, namespace: d}\nspec:\n"
      "  ingressClassName: kong\n  rules:\n  - host: example.com\n    http:\n      paths:\n"
      "      - path: /~/api/v[0-9]+\n        pathType: ImplementationSpecific\n"
      "        backend: {service: {name: web, port: {number: 80}}}\n";
  const auto result = TranslateYaml(std::string(kBase) + ingress, options);
  const auto& route = result.config.services.at(0).routes.at(0);
  EXPECT_EQ(route.expression.value(), "(http.host == \"example.com\") && (http.path ~ \"^/api/v[0-9]+\")");
  EXPECT_EQ(route.priority.value(), 57178899677196u);
  EXPECT_FALSE(route.paths.has_value());
  EXPECT_FALSE(route.path_handling.has_value());
}

TEST(Translate, OutputIsByteIdenticalAcrossRuns) {
  const std::string yaml = std::string(kBase) + IngressYaml("a", "") + "---\n" + IngressYaml("b", "");
  EXPECT_EQ(kong::ToYaml(TranslateYaml(yaml).config), kong::ToYaml(TranslateYaml(yaml).config));
  EXPECT_EQ(kong::ToJson(TranslateYaml(yaml).config), kong::ToJson(TranslateYaml(yaml).config));
}

TEST(Translate, JsonBodyCarriesFormatVersion) {
  const auto json =
      nlohmann::json::parse(kong::ToJson(TranslateYaml(std::string(kBase) + IngressYaml("a", "")).config));
  EXPECT_EQ(json["_format_version"], "3.0");
  EXPECT_EQ(json["services"][0]["routes"][0]["paths"][0], "/");
  EXPECT_EQ(json["upstreams"][0]["algorithm"], "round-robin");
}

}  // namespace
}  // namespace kic::translate
