#include "kong/admin/flat_errors.h"

#include <gtest/gtest.h>

namespace kic::kong::admin {
namespace {

TEST(FlatErrors, ParsesKongBodyAndAppliesKicRules) {
  const auto parsed = ParseKongConfigError(R"({"code":14,"name":"invalid declarative configuration",
    "message":"declarative config is invalid: {}","fields":{},
    "flattened_errors":[{"entity_type":"route","entity_name":"default.echo.0","entity_id":"abc",
      "entity_tags":["k8s-name:echo","k8s-namespace:default","k8s-kind:Ingress","k8s-uid:u1",
                     "k8s-group:networking.k8s.io","k8s-version:v1"],
      "errors":[{"type":"field","field":"paths.1","message":"should start with: /"},
                {"type":"entity","message":"must set one of 'methods', 'hosts'"},
                {"type":"field","field":"hosts","messages":["bad host",""]},
                {"type":"field","field":"x","message":"m","messages":["ignored"]}]},
      {"entity_type":"plugin","entity_name":"cors","entity_tags":["k8s-name:p","k8s-kind:KongClusterPlugin",
       "k8s-uid:u2","k8s-group:configuration.konghq.com","k8s-version:v1"],
       "errors":[{"type":"field","field":"config.origins","message":"expected an array"}]}]})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->code, 14);
  ASSERT_EQ(parsed->entities.size(), 2u);

  const auto problems = ProblemsFromFlatErrors(parsed->entities);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].EventMessage(), "invalid paths.1: should start with: /");
  EXPECT_EQ(problems[1].EventMessage(), "invalid route:default.echo.0: must set one of 'methods', 'hosts'");
  EXPECT_EQ(problems[2].EventMessage(), "invalid hosts[0]: bad host");
  EXPECT_EQ(problems[3].source, "config.origins");

  EXPECT_EQ(problems[0].object.ToString(), "Ingress default/echo");
  EXPECT_TRUE(problems[0].object.CanReceiveEvent());
  EXPECT_EQ(problems[3].object.ApiVersion(), "configuration.konghq.com/v1");
  EXPECT_TRUE(problems[3].object.CanReceiveEvent());  // cluster-scoped: no namespace needed
}

TEST(FlatErrors, IdentityNeedsNameKindUidAndNamespace) {
  EXPECT_FALSE(IdentityFromTags({"k8s-name:a", "k8s-kind:Ingress", "k8s-namespace:n"}).CanReceiveEvent());
  EXPECT_FALSE(IdentityFromTags({"k8s-name:a", "k8s-kind:Ingress", "k8s-uid:u"}).CanReceiveEvent());
  const auto service = IdentityFromTags(
      {"k8s-name:a", "k8s-namespace:n", "k8s-kind:Service", "k8s-uid:u", "k8s-version:v1", "user-tag"});
  EXPECT_TRUE(service.CanReceiveEvent());
  EXPECT_EQ(service.ApiVersion(), "v1");
}

TEST(FlatErrors, UnparsableBodyIsReported) {
  EXPECT_FALSE(ParseKongConfigError("<html>bad gateway</html>"));
  EXPECT_FALSE(ParseKongConfigError("[]"));
}

}  // namespace
}  // namespace kic::kong::admin
