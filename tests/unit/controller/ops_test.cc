#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "controller/controller_metrics.h"
#include "controller/diagnostics.h"
#include "controller/http_server.h"
#include "controller/redact.h"
#include "kong/admin/client.h"

namespace kic::controller {
namespace {

TEST(Metrics, RendersPrometheusText) {
  MetricsRegistry registry;
  registry.Declare("requests_total", MetricsRegistry::Type::kCounter, "Requests.");
  registry.Add("requests_total", {{"code", "200"}});
  registry.Add("requests_total", {{"code", "200"}}, 2);
  registry.Set("temperature", {}, 21.5);
  registry.Declare("latency_ms", MetricsRegistry::Type::kHistogram, "Latency.", {10, 100});
  registry.Observe("latency_ms", {{"path", "a\"b"}}, 50);
  const auto text = registry.Render();
  EXPECT_NE(text.find("# HELP requests_total Requests.\n# TYPE requests_total counter\n"
                      "requests_total{code=\"200\"} 3\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("temperature 21.5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_ms_bucket{path=\"a\\\"b\",le=\"10\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_ms_bucket{path=\"a\\\"b\",le=\"100\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_ms_bucket{path=\"a\\\"b\",le=\"+Inf\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_ms_count{path=\"a\\\"b\"} 1\n"), std::string::npos) << text;
  EXPECT_EQ(registry.Value("requests_total", {{"code", "200"}}), 3);
}

TEST(Metrics, UsesKicNames) {
  ControllerMetrics metrics;
  metrics.RecordTranslation(true, 0, std::chrono::milliseconds(3), false);
  metrics.RecordPush("http://kong:8001", false, "network", 100, 0, std::chrono::milliseconds(5), false);
  metrics.RecordPush("http://kong:8001", true, "", 90, 1, std::chrono::milliseconds(5), true);
  const auto text = metrics.registry().Render();
  for (const char* name : {"ingress_controller_translation_count{success=\"true\"} 1",
                           "ingress_controller_configuration_push_count{dataplane=\"http://"
                           "kong:8001\",failure_reason=\"network\","
                           "protocol=\"db-less\",success=\"false\"} 1",
                           "ingress_controller_fallback_configuration_push_count{",
                           "ingress_controller_fallback_configuration_push_last{",
                           "ingress_controller_configuration_push_duration_milliseconds_bucket{",
                           "# TYPE ingress_controller_configuration_push_last_successful gauge"}) {
    EXPECT_NE(text.find(name), std::string::npos) << name << "\n" << text;
  }
}

TEST(Redact, HidesKeysAndCredentialSecrets) {
  const auto config =
      nlohmann::json{{"_format_version", "3.0"},
                     {"certificates", {{{"cert", "CERT"}, {"key", "PRIVATE"}}}},
                     {"consumers",
                      {{{"username", "u"},
                        {"keyauth_credentials", {{{"key", "s3cr3t"}}}},
                        {"basicauth_credentials", {{{"username", "u"}, {"password", "pw"}}}}}}},
                     {"services", {{{"name", "s"}, {"host", "h"}}}}};
  const auto redacted = nlohmann::json::parse(RedactConfigJson(config.dump()));
  EXPECT_EQ(redacted["certificates"][0]["cert"], "CERT");
  EXPECT_EQ(redacted["certificates"][0]["key"], kRedactedValue);
  EXPECT_EQ(redacted["consumers"][0]["keyauth_credentials"][0]["key"], kRedactedValue);
  EXPECT_EQ(redacted["consumers"][0]["basicauth_credentials"][0]["password"], kRedactedValue);
  EXPECT_EQ(redacted["consumers"][0]["basicauth_credentials"][0]["username"], "u");
  EXPECT_EQ(redacted["services"], config["services"]);

  ConfigDumps redacting(false), sensitive(true);
  redacting.SetSuccessful(kong::admin::ConfigPayload::FromBody(config.dump()));
  sensitive.SetSuccessful(kong::admin::ConfigPayload::FromBody(config.dump()));
  EXPECT_EQ(redacting.Get("successful")->find("PRIVATE"), std::string::npos);
  EXPECT_NE(sensitive.Get("successful")->find("PRIVATE"), std::string::npos);
  EXPECT_FALSE(redacting.Get("failed"));
}

TEST(HttpServer, ServesHandlersOnLoopback) {
  HttpServer server;
  server.Handle("/healthz", [](const std::string&) { return HttpResponse{200, "text/plain", "ok"}; });
  server.Handle("/debug/config/", [](const std::string& path) {
    return HttpResponse{200, "text/plain", path};
  });
  server.Handle("/boom", [](const std::string&) -> HttpResponse { throw std::runtime_error("bad"); });
  ASSERT_EQ(server.Start("127.0.0.1:0"), "");
  ASSERT_GT(server.port(), 0);
  kong::admin::ClientOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  const kong::admin::AdminClient client(options);
  const auto ok = client.Get("/healthz");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "ok");
  EXPECT_EQ(client.Get("/debug/config/successful?x=1").body, "/debug/config/successful");
  EXPECT_EQ(client.Get("/nothing").status, 404);
  EXPECT_EQ(client.Get("/boom").status, 500);
  EXPECT_EQ(client.Post("/healthz", "x").status, 405);
  server.Stop();
  EXPECT_FALSE(client.Get("/healthz").HasResponse());
}

TEST(HttpServer, RefusesBadAddresses) {
  HttpServer server;
  EXPECT_NE(server.Start("no-port"), "");
  EXPECT_NE(server.Start("127.0.0.1:99999"), "");
  std::string host;
  int port = 0;
  ASSERT_TRUE(SplitHostPort("[::1]:8080", host, port));
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(SplitHostPort(":10254", host, port));
  EXPECT_EQ(host, "");
}

}  // namespace
}  // namespace kic::controller
