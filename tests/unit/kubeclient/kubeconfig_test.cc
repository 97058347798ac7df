#include "kube/client/kubeconfig.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/strings.h"

namespace kic::kube::client {
namespace {

namespace fs = std::filesystem;

class KubeconfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kic-kubeconfig-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
    return path.string();
  }
  // A kubeconfig with one context "main" whose cluster and user fields are the given YAML lines.
  std::string Config(const std::string& cluster_fields, const std::string& user_fields) {
    return "apiVersion: v1\nkind: Config\ncurrent-context: main\n"
           "contexts:\n- name: other\n  context: {cluster: nope, user: nope}\n"
           "- name: main\n  context:\n    cluster: c1\n    user: u1\n    namespace: kong\n"
           "clusters:\n- name: c1\n  cluster:\n    server: https://127.0.0.1:6443\n" +
           cluster_fields + "users:\n- name: u1\n  user:\n" + user_fields;
  }
  ConfigResult Parse(const std::string& text) { return ParseKubeconfig(text, (dir_ / "config").string()); }

  fs::path dir_;
};

TEST_F(KubeconfigTest, TokenAndInlineCa) {
  auto r =
      Parse(Config("    certificate-authority-data: " + Base64Encode("CA PEM") + "\n", "    token: abc\n"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.config->server, "https://127.0.0.1:6443");
  EXPECT_EQ(r.config->ca_pem, "CA PEM");
  EXPECT_EQ(r.config->token, "abc");
  EXPECT_EQ(r.config->namespace_, "kong");
  EXPECT_FALSE(r.config->insecure_skip_tls_verify);
}

TEST_F(KubeconfigTest, TokenFileAndCaFileResolveRelativeToTheKubeconfig) {
  Write("creds/token", "tok\n");
  Write("creds/ca.crt", "CA FILE");
  auto r = Parse(Config("    certificate-authority: creds/ca.crt\n", "    tokenFile: creds/token\n"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.config->ca_pem, "CA FILE");
  EXPECT_EQ(r.config->token_file, (dir_ / "creds/token").string());
}

TEST_F(KubeconfigTest, ClientCertificateFromDataAndFromFiles) {
  auto inline_r = Parse(Config("", "    client-certificate-data: " + Base64Encode("CERT") +
                                       "\n    client-key-data: " + Base64Encode("KEY") + "\n"));
  ASSERT_TRUE(inline_r.ok()) << inline_r.error;
  EXPECT_EQ(inline_r.config->client_cert_pem, "CERT");
  EXPECT_EQ(inline_r.config->client_key_pem, "KEY");

  const std::string cert = Write("c.pem", "CERTFILE");
  const std::string key = Write("k.pem", "KEYFILE");
  auto file_r = Parse(Config("", "    client-certificate: " + cert + "\n    client-key: " + key + "\n"));
  ASSERT_TRUE(file_r.ok()) << file_r.error;
  EXPECT_EQ(file_r.config->client_cert_pem, "CERTFILE");
  EXPECT_EQ(file_r.config->client_key_pem, "KEYFILE");
}

TEST_F(KubeconfigTest, InsecureAndTlsServerName) {
  auto r = Parse(
      Config("    insecure-skip-tls-verify: true\n    tls-server-name: api.internal\n", "    token: t\n"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.config->insecure_skip_tls_verify);
  EXPECT_EQ(r.config->tls_server_name, "api.internal");
}

TEST_F(KubeconfigTest, ErrorsNameTheFileAndField) {
  auto missing_context = ParseKubeconfig(Config("", "    token: t\n"), "/x/config", "gone");
  EXPECT_FALSE(missing_context.ok());
  EXPECT_EQ(missing_context.error, "kubeconfig /x/config: contexts: context \"gone\" not found");

  auto bad_base64 = ParseKubeconfig(Config("    certificate-authority-data: '%%%'\n", ""), "/x/config");
  EXPECT_EQ(bad_base64.error,
            "kubeconfig /x/config: clusters[c1].cluster.certificate-authority-data: not valid base64");

  auto bad_key = ParseKubeconfig(
      Config("", "    client-certificate-data: " + Base64Encode("C") + "\n    client-key-data: '!!'\n"),
      "/x/config");
  EXPECT_EQ(bad_key.error, "kubeconfig /x/config: users[u1].user.client-key-data: not valid base64");

  auto missing_ca_file =
      ParseKubeconfig(Config("    certificate-authority: /nonexistent/ca.crt\n", ""), "/x/config");
  EXPECT_EQ(missing_ca_file.error,
            "kubeconfig /x/config: clusters[c1].cluster.certificate-authority: cannot read file "
            "/nonexistent/ca.crt");

  auto bad_bool = ParseKubeconfig(Config("    insecure-skip-tls-verify: maybe\n", ""), "/x/config");
  EXPECT_EQ(bad_bool.error,
            "kubeconfig /x/config: clusters[c1].cluster.insecure-skip-tls-verify: expected true or false");

  auto no_current = ParseKubeconfig("apiVersion: v1\nkind: Config\n", "/x/config");
  EXPECT_EQ(no_current.error, "kubeconfig /x/config: current-context: not set");

  auto cert_without_key =
      ParseKubeconfig(Config("", "    client-certificate-data: " + Base64Encode("C") + "\n"), "/x/config");
  EXPECT_NE(cert_without_key.error.find("client-certificate and client-key must be given together"),
            std::string::npos);

  auto syntax = ParseKubeconfig("a: [1,\n", "/x/config");
  EXPECT_EQ(syntax.error.rfind("kubeconfig /x/config: ", 0), 0u);
}

TEST_F(KubeconfigTest, LoadOrderFlagThenEnvThenInClusterThenHome) {
  const std::string flag_file = Write("flag/config", Config("", "    token: from-flag\n"));
  const std::string env_file = Write("env/config", Config("", "    token: from-env\n"));
  Write("home/.kube/config", Config("", "    token: from-home\n"));
  Write("sa/token", "sa-token\n");
  Write("sa/ca.crt", "SA CA");
  Write("sa/namespace", "kong-system\n");
  std::map<std::string, std::string> env;
  ConfigSources sources;
  sources.in_cluster_dir = (dir_ / "sa").string();
  sources.getenv = [&](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };

  env["HOME"] = (dir_ / "home").string();
  EXPECT_EQ(LoadConnectionConfig(sources).config->token, "from-home");

  env["KUBERNETES_SERVICE_HOST"] = "fd00::1";
  env["KUBERNETES_SERVICE_PORT"] = "443";
  auto in_cluster = LoadConnectionConfig(sources);
  ASSERT_TRUE(in_cluster.ok()) << in_cluster.error;
  EXPECT_EQ(in_cluster.config->server, "https://[fd00::1]:443");
  EXPECT_EQ(in_cluster.config->token_file, (dir_ / "sa/token").string());
  EXPECT_EQ(in_cluster.config->ca_pem, "SA CA");
  EXPECT_EQ(in_cluster.config->namespace_, "kong-system");

  env["KUBECONFIG"] = env_file + ":/does/not/matter";
  EXPECT_EQ(LoadConnectionConfig(sources).config->token, "from-env");

  sources.kubeconfig_path = flag_file;
  EXPECT_EQ(LoadConnectionConfig(sources).config->token, "from-flag");

  sources.apiserver_host = "http://127.0.0.1:8080";
  EXPECT_EQ(LoadConnectionConfig(sources).config->server, "http://127.0.0.1:8080");
}

TEST_F(KubeconfigTest, LoadReportsMissingFileAndNothingConfigured) {
  ConfigSources sources;
  sources.getenv = [](const std::string&) { return std::nullopt; };
  auto nothing = LoadConnectionConfig(sources);
  EXPECT_FALSE(nothing.ok());
  EXPECT_NE(nothing.error.find("no Kubernetes API configuration"), std::string::npos);

  sources.apiserver_host = "http://127.0.0.1:1";
  auto host_only = LoadConnectionConfig(sources);
  ASSERT_TRUE(host_only.ok());
  EXPECT_EQ(host_only.config->server, "http://127.0.0.1:1");

  sources.kubeconfig_path = (dir_ / "absent").string();
  auto missing = LoadConnectionConfig(sources);
  EXPECT_EQ(missing.error, "kubeconfig " + (dir_ / "absent").string() +
                               " (from --kubeconfig): file not found or unreadable");
}

TEST_F(KubeconfigTest, InClusterWithoutTokenIsAClearError) {
  auto r = InClusterConfig("10.0.0.1", "443", (dir_ / "empty").string());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error,
            "in-cluster config: service account token not found: " + (dir_ / "empty" / "token").string());
}

}  // namespace
}  // namespace kic::kube::client
