// Kong's Helm charts (github.com/Kong/charts) run KIC as the `ingress-controller` container with no
// command or args, configured only through environment variables. Swapping the image for ours must
// keep working with exactly the variables those charts set by default.
//
// Facts, from the charts' template `kong.ingressController.env` (charts/kong/templates/_helpers.tpl)
// and their rendered CI snapshots (charts/kong/ci/__snapshots__/default-values.snap, kong chart
// 2.46; charts/ingress/ci/__snapshots__/kic-3.4-values.snap, the kong/ingress chart's controller):
//   always: CONTROLLER_KONG_ADMIN_TLS_SKIP_VERIFY=true, CONTROLLER_PUBLISH_SERVICE=<ns>/<proxy svc>,
//           CONTROLLER_INGRESS_CLASS=<ingressClass, "kong">,
//           CONTROLLER_ELECTION_ID=kong-ingress-controller-leader-<ingressClass>
//   admission webhook (enabled by default): CONTROLLER_ADMISSION_WEBHOOK_LISTEN=0.0.0.0:8080
//   kong/kong (Kong beside the controller): CONTROLLER_KONG_ADMIN_URL=https://localhost:8444
//   kong/ingress (gateway discovery on): CONTROLLER_KONG_ADMIN_SVC=<ns>/<release>-gateway-admin,
//     and with adminApi.tls.client: CONTROLLER_KONG_ADMIN_TLS_CLIENT_CERT_FILE / _KEY_FILE under
//     /etc/secrets/admin-api-cert/
//   watchNamespaces set: CONTROLLER_WATCH_NAMESPACE=a,b
//   the charts' own CI values add CONTROLLER_ANONYMOUS_REPORTS=false (ingressController.env).
// Every key of `ingressController.env` becomes CONTROLLER_<KEY uppercased>, so users' additions are
// flag names as well; those are covered by the flag tests (every flag has its variable).
#include <gtest/gtest.h>

#include <algorithm>

#include "deploy_support.h"

namespace kic::deploy_test {
namespace {

using Env = std::map<std::string, std::string>;

// kong/kong with default values, release "chartsnap" in namespace "default".
Env KongChartDefaults() {
  return {
      {"POD_NAME", "chartsnap-kong-7d9f8b6c5-x2x4z"},
      {"POD_NAMESPACE", "default"},
      {"CONTROLLER_ADMISSION_WEBHOOK_LISTEN", "0.0.0.0:8080"},
      {"CONTROLLER_ANONYMOUS_REPORTS", "false"},
      {"CONTROLLER_ELECTION_ID", "kong-ingress-controller-leader-kong"},
      {"CONTROLLER_INGRESS_CLASS", "kong"},
      {"CONTROLLER_KONG_ADMIN_TLS_SKIP_VERIFY", "true"},
      {"CONTROLLER_KONG_ADMIN_URL", "https://localhost:8444"},
      {"CONTROLLER_PUBLISH_SERVICE", "default/chartsnap-kong-proxy"},
  };
}

// kong/ingress: the controller subchart with gateway discovery and an mTLS client certificate.
Env IngressChartDefaults() {
  return {
      {"POD_NAME", "chartsnap-controller-6b5d4c-abcde"},
      {"POD_NAMESPACE", "default"},
      {"CONTROLLER_ADMISSION_WEBHOOK_LISTEN", "0.0.0.0:8080"},
      {"CONTROLLER_ANONYMOUS_REPORTS", "false"},
      {"CONTROLLER_ELECTION_ID", "kong-ingress-controller-leader-kong"},
      {"CONTROLLER_INGRESS_CLASS", "kong"},
      {"CONTROLLER_KONG_ADMIN_SVC", "default/chartsnap-gateway-admin"},
      {"CONTROLLER_KONG_ADMIN_TLS_CLIENT_CERT_FILE", "/etc/secrets/admin-api-cert/tls.crt"},
      {"CONTROLLER_KONG_ADMIN_TLS_CLIENT_KEY_FILE", "/etc/secrets/admin-api-cert/tls.key"},
      {"CONTROLLER_KONG_ADMIN_TLS_SKIP_VERIFY", "true"},
      {"CONTROLLER_PUBLISH_SERVICE", "default/chartsnap-gateway-proxy"},
  };
}

std::string Describe(const EnvParse& p) {
  std::string out = p.parse_error;
  for (const auto& e : p.validation.errors) out += "\n  error: " + e;
  for (const auto& u : p.unknown) out += "\n  no flag reads " + u;
  return out;
}

bool HasWarningAbout(const EnvParse& p, const std::string& text) {
  return std::any_of(p.validation.warnings.begin(), p.validation.warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

TEST(HelmChartEnv, KongChartDefaultsAreAcceptedAndUsed) {
  const EnvParse p = ParseRunEnvironment(KongChartDefaults());
  ASSERT_TRUE(p.parsed) << Describe(p);
  EXPECT_TRUE(p.unknown.empty()) << Describe(p);
  EXPECT_TRUE(p.validation.errors.empty()) << Describe(p);
  EXPECT_EQ(p.flags.kong_admin_urls, std::vector<std::string>{"https://localhost:8444"});
  EXPECT_TRUE(p.flags.kong_admin_urls_given);
  EXPECT_TRUE(p.flags.kong_admin_tls_skip_verify);
  EXPECT_EQ(p.flags.publish_service, "default/chartsnap-kong-proxy");
  EXPECT_EQ(p.flags.ingress_class, "kong");
  EXPECT_EQ(p.flags.election_id, "kong-ingress-controller-leader-kong");
  EXPECT_FALSE(p.flags.anonymous_reports);
  // Not served, but accepted with a warning: the charts' webhook has failurePolicy Ignore.
  EXPECT_EQ(p.flags.admission_webhook_listen, "0.0.0.0:8080");
  EXPECT_TRUE(HasWarningAbout(p, "--admission-webhook-listen")) << Describe(p);
  EXPECT_FALSE(p.validation.derived.leader_election);  // a Kong per replica: no election, as KIC
}

TEST(HelmChartEnv, IngressChartDefaultsAreAcceptedAndUsed) {
  const EnvParse p = ParseRunEnvironment(IngressChartDefaults());
  ASSERT_TRUE(p.parsed) << Describe(p);
  EXPECT_TRUE(p.unknown.empty()) << Describe(p);
  EXPECT_TRUE(p.validation.errors.empty()) << Describe(p);
  EXPECT_EQ(p.flags.kong_admin_svc, "default/chartsnap-gateway-admin");
  EXPECT_FALSE(p.flags.kong_admin_urls_given);
  EXPECT_EQ(p.flags.kong_admin_tls_client_cert_file, "/etc/secrets/admin-api-cert/tls.crt");
  EXPECT_EQ(p.flags.kong_admin_tls_client_key_file, "/etc/secrets/admin-api-cert/tls.key");
  EXPECT_EQ(p.flags.publish_service, "default/chartsnap-gateway-proxy");
  // The chart names the admin Service port kong-admin-tls: one of our default port names.
  const auto& ports = p.flags.kong_admin_svc_port_names;
  EXPECT_NE(std::find(ports.begin(), ports.end(), "kong-admin-tls"), ports.end());
  EXPECT_TRUE(p.validation.derived.leader_election);  // gateway discovery elects a leader, as KIC
}

TEST(HelmChartEnv, WatchNamespacesFromTheChart) {
  Env env = KongChartDefaults();
  env["CONTROLLER_WATCH_NAMESPACE"] = "team-a,team-b";
  const EnvParse p = ParseRunEnvironment(env);
  ASSERT_TRUE(p.parsed) << Describe(p);
  EXPECT_TRUE(p.validation.errors.empty()) << Describe(p);
  EXPECT_EQ(p.flags.watch_namespaces, (std::vector<std::string>{"team-a", "team-b"}));
}

// The check above relies on the environment really being read and on unknown names being
// noticed; both are shown here so a broken harness cannot pass silently.
TEST(HelmChartEnv, TheHarnessSeesBadValuesAndUnknownNames) {
  const EnvParse bad = ParseRunEnvironment({{"CONTROLLER_LOG_FORMAT", "xml"}});
  EXPECT_FALSE(bad.parsed);
  const EnvParse unknown = ParseRunEnvironment({{"CONTROLLER_KONNECT_SYNC_ENABLED", "true"}});
  EXPECT_EQ(unknown.unknown, std::vector<std::string>{"CONTROLLER_KONNECT_SYNC_ENABLED"});
}

// deploy/'s controller container is configured the same way.
TEST(DeployEnv, TheControllerContainerEnvIsAccepted) {
  std::vector<std::string> errors;
  const auto manifests = LoadDeployManifests(errors);
  ASSERT_TRUE(errors.empty()) << errors.front();
  int containers = 0;
  for (const auto& m : manifests) {
    if (Text(m.root, "kind") != "Deployment") continue;
    const auto* list = At(m.root, "spec.template.spec.containers");
    if (!list) continue;
    for (const auto& container : list->items) {
      if (Text(container, "name") != "ingress-controller") continue;
      ++containers;
      Env env;
      if (const auto* vars = At(container, "env")) {
        for (const auto& var : vars->items) {
          // valueFrom entries (POD_NAME, POD_NAMESPACE) are filled by Kubernetes.
          env[Text(var, "name")] = At(var, "valueFrom") ? "from-the-pod" : Text(var, "value");
        }
      }
      EXPECT_TRUE(env.count("POD_NAME") && env.count("POD_NAMESPACE")) << m.file;
      const EnvParse p = ParseRunEnvironment(env);
      ASSERT_TRUE(p.parsed) << m.file << ": " << Describe(p);
      EXPECT_TRUE(p.unknown.empty()) << m.file << ": " << Describe(p);
      EXPECT_TRUE(p.validation.errors.empty()) << m.file << ": " << Describe(p);
      EXPECT_TRUE(p.validation.warnings.empty()) << m.file << ": " << p.validation.warnings.front();
    }
  }
  EXPECT_EQ(containers, 1);
}

}  // namespace
}  // namespace kic::deploy_test
