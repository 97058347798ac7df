// kube-test-server over HTTPS with a required bearer token, from cpp-httplib and the real kubectl.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>

#include "test_server.h"

namespace kic::e2e {
namespace {

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>();
    cert_ = dir_->path() + "/cert.pem";
    std::string key = dir_->path() + "/key.pem";
    CommandResult made =
        RunCommand({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert_,
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"},
                   dir_->path(), {}, std::chrono::seconds(60));
    if (made.exit_code != 0) GTEST_SKIP() << "openssl cannot make a test certificate: " << made.err;
    server_ = std::make_unique<KubeTestServerProcess>(
        std::vector<std::string>{"--cert", cert_, "--key", key, "--token", "t0ken"}, dir_->path());
    ASSERT_EQ(server_->error(), "");
  }

  std::unique_ptr<TempDir> dir_;
  std::string cert_;
  std::unique_ptr<KubeTestServerProcess> server_;
};

TEST_F(TlsTest, ServesHttpsAndChecksTheToken) {
  httplib::SSLClient client("127.0.0.1", server_->port());
  client.set_ca_cert_path(cert_.c_str());
  client.enable_server_certificate_verification(true);
  client.set_connection_timeout(5);
  client.set_read_timeout(15);
  auto anonymous = client.Get("/api/v1/namespaces");
  ASSERT_TRUE(anonymous) << httplib::to_string(anonymous.error());
  EXPECT_EQ(anonymous->status, 401);
  auto authorized = client.Get("/api/v1/namespaces", {{"Authorization", "Bearer t0ken"}});
  ASSERT_TRUE(authorized);
  EXPECT_EQ(authorized->status, 200);
  EXPECT_NE(authorized->body.find("\"default\""), std::string::npos);
}

TEST_F(TlsTest, KubectlSendsTheTokenOverTls) {
  std::string kubectl = FindKubectl();
  if (kubectl.empty()) GTEST_SKIP() << "kubectl is not installed";
  std::string url = "https://127.0.0.1:" + std::to_string(server_->port());
  std::map<std::string, std::string> env = {{"HOME", dir_->path()}, {"KUBECONFIG", ""}};
  CommandResult r =
      RunCommand({kubectl, "--server=" + url, "--certificate-authority=" + cert_, "--token=t0ken",
                  "--cache-dir=" + dir_->path() + "/cache", "get", "namespaces"},
                 dir_->path(), env, std::chrono::seconds(60));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("kube-system"), std::string::npos) << r.out;
  CommandResult wrong =
      RunCommand({kubectl, "--server=" + url, "--certificate-authority=" + cert_, "--token=nope",
                  "--cache-dir=" + dir_->path() + "/cache2", "get", "namespaces"},
                 dir_->path(), env, std::chrono::seconds(60));
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("provide credentials"), std::string::npos) << wrong.err;  // kubectl's 401 wording
}

}  // namespace
}  // namespace kic::e2e
