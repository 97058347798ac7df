// The fake Kong's own checks: it must answer like Kong for the mistakes that matter to the controller.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "declarative_validator.h"
#include "fake_kong.h"
#include "fast_retry.h"
#include "kong/admin/client.h"

namespace kic::testing {
namespace {

using nlohmann::json;

ValidationOutcome Validate(const std::string& text, std::string flavor = "traditional", bool flatten = true) {
  ValidatorOptions options;
  options.router_flavor = std::move(flavor);
  options.flatten_errors = flatten;
  return ValidateDeclarativeConfig(json::parse(text), options);
}

// The first flattened error as "entity_type field: message".
std::string FirstError(const ValidationOutcome& outcome) {
  const auto& flat = outcome.error_body.at("flattened_errors");
  if (flat.empty()) return "fields: " + outcome.error_body.at("fields").dump();
  const auto& entity = flat[0];
  const auto& error = entity.at("errors")[0];
  return entity.at("entity_type").get<std::string>() + " " + error.value("field", "@entity") + ": " +
         error.at("message").get<std::string>();
}

TEST(FakeKongValidation, AcceptsValidConfigWithNestingAndReferences) {
  const auto outcome = Validate(R"({"_format_version":"3.0",
    "services":[{"name":"svc","host":"h","port":80,"routes":[{"name":"r1","paths":["/a","~/b/\\d+$"],
       "plugins":[{"name":"key-auth"}]}]}],
    "routes":[{"name":"r2","hosts":["*.example.com"],"service":"svc"}],
    "upstreams":[{"name":"up","targets":[{"target":"10.0.0.1:80","weight":100}]}],
    "targets":[{"target":"10.0.0.2:80","upstream":"up"}],
    "certificates":[{"id":"4bd5a9c1-8f1e-4a8e-9f3c-0f0e6a3a7c11","cert":"-----BEGIN CERTIFICATE-----x",
       "key":"-----BEGIN PRIVATE KEY-----x","snis":[{"name":"a.example.com"}]}],
    "snis":[{"name":"b.example.com","certificate":{"id":"4bd5a9c1-8f1e-4a8e-9f3c-0f0e6a3a7c11"}}],
    "consumers":[{"username":"alice","keyauth_credentials":[{"key":"k"}]}],
    "plugins":[{"name":"cors","consumer":"alice"}]})");
  ASSERT_TRUE(outcome.valid) << outcome.error_body.dump();
  EXPECT_EQ(outcome.entities.at("routes").size(), 2u);
  EXPECT_EQ(outcome.entities.at("plugins").size(), 2u);
  EXPECT_EQ(outcome.entity_count, 13u);
}

TEST(FakeKongValidation, FormatVersionAndTopLevelKeys) {
  auto outcome = Validate(R"({"services":[]})");
  EXPECT_FALSE(outcome.valid);
  EXPECT_EQ(outcome.error_body.at("fields"), json::parse(R"({"_format_version":"required field missing"})"));
  EXPECT_EQ(outcome.error_body.at("code"), 14);
  EXPECT_EQ(outcome.error_body.at("name"), "invalid declarative configuration");

  outcome = Validate(R"({"_format_version":"4.0"})");
  EXPECT_EQ(outcome.error_body.at("fields").at("_format_version"), "expected one of: 1.1, 2.1, 3.0");

  outcome = Validate(R"({"_format_version":"3.0","consumer_groups":[]})");
  EXPECT_EQ(outcome.error_body.at("fields").at("consumer_groups"), "unknown field");
}

TEST(FakeKongValidation, UnknownFieldMissingRequiredAndRanges) {
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","services":[{"host":"h","colour":"red"}]})")),
            "service colour: unknown field");
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","upstreams":[{"slots":100}]})")),
            "upstream name: required field missing");
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","services":[{"host":"h","protocol":"ftp"}]})")),
            "service protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp");
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","services":[{"host":"h","read_timeout":0}]})")),
            "service read_timeout: value should be between 1 and 2147483646");
  EXPECT_EQ(FirstError(Validate(
                R"({"_format_version":"3.0","routes":[{"paths":["/a"],"https_redirect_status_code":303}]})")),
            "route https_redirect_status_code: expected one of: 426, 301, 302, 307, 308");
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","routes":[{"paths":["a"]}]})")),
            "route paths.1: should start with: / (fixed path) or ~/ (regex path)");
  EXPECT_EQ(
      FirstError(Validate(R"({"_format_version":"3.0","routes":[{"name":"r"}]})")),
      "route @entity: must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is "
      "'https'");
  EXPECT_EQ(
      FirstError(Validate(R"({"_format_version":"3.0","routes":[{"protocols":["tcp"]}]})")),
      "route @entity: must set one of 'sources', 'destinations', 'snis' when 'protocols' is 'tcp', 'tls' or "
      "'udp'");
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","plugins":[{"name":"nope"}]})")),
            "plugin name: plugin 'nope' not enabled; add it to the 'plugins' configuration property");
}

TEST(FakeKongValidation, ExpressionOnlyWithExpressionsFlavor) {
  const char* config = R"({"_format_version":"3.0","routes":[{"name":"r","expression":"http.path == \"/\"",
    "priority":1}]})";
  EXPECT_EQ(FirstError(Validate(config)), "route expression: unknown field");
  EXPECT_TRUE(Validate(config, "expressions").valid);
}

TEST(FakeKongValidation, ReferencesAndUniqueness) {
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","routes":[{"paths":["/"],"service":"ghost"}]})")),
            "route service: invalid reference 'service: ghost' (no such entry in 'services')");
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","services":[{"name":"a","host":"h"},
            {"name":"a","host":"h2"}]})")),
            "service @entity: uniqueness violation: 'services' entity with name set to 'a' already declared");
  EXPECT_EQ(FirstError(Validate(R"({"_format_version":"3.0","targets":[{"target":"t","upstream":"nope"}]})")),
            "target upstream: invalid reference 'upstream: nope' (no such entry in 'upstreams')");
}

TEST(FakeKongValidation, FlattenedItemCarriesEntityIdentity) {
  const auto outcome = Validate(R"({"_format_version":"3.0","services":[{"name":"s","host":"h",
    "routes":[{"name":"r","id":"0b3c9f2e-7c1d-4f4e-8a59-1c9e4b7d2a10","tags":["k8s-name:x","k8s-kind:Ingress"],
    "paths":["/"],"bogus":1}]}]})");
  const auto& item = outcome.error_body.at("flattened_errors").at(0);
  EXPECT_EQ(item.at("entity_type"), "route");
  EXPECT_EQ(item.at("entity_name"), "r");
  EXPECT_EQ(item.at("entity_id"), "0b3c9f2e-7c1d-4f4e-8a59-1c9e4b7d2a10");
  EXPECT_EQ(item.at("entity_tags"), json::parse(R"(["k8s-name:x","k8s-kind:Ingress"])"));
  EXPECT_EQ(item.at("errors"),
            json::parse(R"([{"type":"field","field":"bogus","message":"unknown field"}])"));
  EXPECT_EQ(outcome.error_body.at("fields"), json::object());
  EXPECT_EQ(outcome.error_body.at("message"), "declarative config is invalid: {}");
}

TEST(FakeKongValidation, WithoutFlattenErrorsTheTreeMirrorsTheInput) {
  const auto outcome = Validate(
      R"({"_format_version":"3.0","services":[{"name":"ok","host":"h"},{"name":"s","host":"h","routes":[
      {"paths":["/"]},{"paths":["/"],"bogus":1}]}]})",
      "traditional", /*flatten=*/false);
  EXPECT_FALSE(outcome.error_body.contains("flattened_errors"));
  EXPECT_EQ(outcome.error_body.at("fields"),
            json::parse(R"({"services":[null,{"routes":[null,{"bogus":"unknown field"}]}]})"));
}

TEST(FakeKongHttp, AnswersInKongShapes) {
  FakeKong kong;
  ASSERT_TRUE(kong.Start()) << kong.error();
  const kong::admin::AdminClient client(kong::admin::testing::ClientFor(kong.base_url()));

  const std::string valid = R"({"_format_version":"3.0","services":[{"name":"s","host":"h"}]})";
  auto result = client.PostConfig(valid);
  EXPECT_EQ(result.status, 201);
  EXPECT_TRUE(json::parse(result.body).at("services").is_object());
  EXPECT_EQ(client.PostConfig(valid).status, 304);

  result = client.Post("/config?flatten_errors=1", R"({"_format_version":"3.0","services":[{"host":1}]})");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(json::parse(result.body).at("flattened_errors").size(), 1u);

  EXPECT_EQ(client.Post("/config", "{not json").status, 400);
  EXPECT_EQ(json::parse(client.Post("/config", "{not json").body).at("message"), "Cannot parse JSON body");

  // An empty config brings the hash back to zeros.
  EXPECT_EQ(client.PostConfig(R"({"_format_version":"3.0"})").status, 201);
  EXPECT_EQ(kong.ConfigurationHash(), "00000000000000000000000000000000");

  // Fault injection over HTTP.
  EXPECT_EQ(client.Post("/_test/fail?status=429&count=1", "").status, 200);
  result = client.PostConfig(valid);
  EXPECT_EQ(result.status, 429);
  EXPECT_EQ(result.retry_after, "1");
  EXPECT_EQ(client.PostConfig(valid).status, 201);
  EXPECT_EQ(client.Post("/_test/restart", "").status, 200);
  EXPECT_EQ(kong.ConfigurationHash(), "00000000000000000000000000000000");
  EXPECT_GE(kong.Stats().config_posts, 6);
}

TEST(FakeKongHttp, BrokenObjectsOnFirstPostOnly) {
  FakeKongOptions options;
  options.broken_objects = {{"Ingress", "default", "bad"}};
  options.broken_first_post_only = true;
  FakeKong kong(options);
  ASSERT_TRUE(kong.Start()) << kong.error();
  const kong::admin::AdminClient client(kong::admin::testing::ClientFor(kong.base_url()));

  const std::string config = R"({"_format_version":"3.0","routes":[{"name":"r","paths":["/"],
    "tags":["k8s-name:bad","k8s-namespace:default","k8s-kind:Ingress"]}]})";
  const auto first = client.PostConfig(config);
  ASSERT_EQ(first.status, 400);
  const auto item = json::parse(first.body).at("flattened_errors").at(0);
  EXPECT_EQ(item.at("errors"), json::parse(R"([{"messages":["broken object"]}])"));
  EXPECT_EQ(client.PostConfig(config).status, 201);
}

TEST(FakeKongHttp, AcceptsYamlBodies) {
  FakeKong kong;
  ASSERT_TRUE(kong.Start()) << kong.error();
  const kong::admin::AdminClient client(kong::admin::testing::ClientFor(kong.base_url()));
  const std::string yaml = "_format_version: \"3.0\"\nservices:\n- name: s\n  host: h\n  port: 8080\n";
  const auto empty = client.Post("/config", "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(json::parse(empty.body).at("message"), "expected a declarative configuration");
  EXPECT_EQ(client.Post("/config", json{{"config", yaml}}.dump()).status, 201);
  EXPECT_EQ(kong.ConfigurationHash(), Md5Hex(yaml));
}

}  // namespace
}  // namespace kic::testing
