#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include "fake_kong.h"
#include "fast_retry.h"
#include "kong/admin/client.h"

namespace kic::kong::admin {
namespace {

namespace fs = std::filesystem;
using kic::testing::FakeKong;
using kic::testing::FakeKongOptions;
using testing::ClientFor;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A CA, a server certificate for kong.test + 127.0.0.1 signed by it, a client certificate, and an unrelated
// CA, generated once per test run with the openssl command (EC keys: fast).
class TlsMaterial {
 public:
  TlsMaterial() {
    dir_ = fs::temp_directory_path() / ("kic-kongadmin-tls-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "server.ext") << "subjectAltName=DNS:kong.test,IP:127.0.0.1\n";
    const std::string d = dir_.string();
    const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    const std::string quiet = " >/dev/null 2>&1";
    ok_ = Run("openssl req -x509" + key + " -keyout " + d + "/ca.key -out " + d +
              "/ca.crt -days 1 -subj /CN=test-ca" + quiet) &&
          Run("openssl req -x509" + key + " -keyout " + d + "/other.key -out " + d +
              "/other.crt -days 1 -subj /CN=other-ca" + quiet) &&
          Run("openssl req" + key + " -keyout " + d + "/server.key -out " + d +
              "/server.csr -subj /CN=kong.test" + quiet) &&
          Run("openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.crt -CAkey " + d +
              "/ca.key -CAcreateserial" + " -out " + d + "/server.crt -days 1 -extfile " + d + "/server.ext" +
              quiet) &&
          Run("openssl req" + key + " -keyout " + d + "/client.key -out " + d + "/client.csr -subj /CN=kic" +
              quiet) &&
          Run("openssl x509 -req -in " + d + "/client.csr -CA " + d + "/ca.crt -CAkey " + d +
              "/ca.key -CAcreateserial -out " + d + "/client.crt -days 1" + quiet);
  }
  ~TlsMaterial() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  bool ok() const { return ok_; }
  std::string Path(const char* name) const { return (dir_ / name).string(); }

 private:
  static bool Run(const std::string& command) { return std::system(command.c_str()) == 0; }
  fs::path dir_;
  bool ok_ = false;
};

class TlsTest : public ::testing::Test {
 protected:
  // Generated once for the suite: key generation is the slow part.
  static void SetUpTestSuite() { material_ = std::make_unique<TlsMaterial>(); }
  static void TearDownTestSuite() { material_.reset(); }
  void SetUp() override { ASSERT_TRUE(material_->ok()) << "openssl failed"; }

  FakeKongOptions ServerOptions() const {
    FakeKongOptions options;
    options.tls_cert_file = material_->Path("server.crt");
    options.tls_key_file = material_->Path("server.key");
    return options;
  }

  static inline std::unique_ptr<TlsMaterial> material_;
};

TEST_F(TlsTest, VerifiesServerAgainstConfiguredCa) {
  FakeKong kong(ServerOptions());
  ASSERT_TRUE(kong.Start()) << kong.error();
  ASSERT_EQ(kong.base_url().rfind("https://127.0.0.1:", 0), 0u);

  ClientOptions options = ClientFor(kong.base_url());
  options.ca_file = material_->Path("ca.crt");
  EXPECT_TRUE(AdminClient(options).GetRoot().info) << AdminClient(options).Get("/").Describe();

  options.ca_file.clear();
  options.ca_pem = ReadFile(material_->Path("ca.crt"));
  EXPECT_TRUE(AdminClient(options).GetRoot().info);
}

TEST_F(TlsTest, RefusesServerSignedByAnotherCa) {
  FakeKong kong(ServerOptions());
  ASSERT_TRUE(kong.Start()) << kong.error();

  ClientOptions options = ClientFor(kong.base_url());
  options.ca_file = material_->Path("other.crt");
  const HttpResult result = AdminClient(options).Get("/");
  EXPECT_FALSE(result.HasResponse());
  EXPECT_FALSE(result.transport_error.empty());

  options.skip_verify = true;
  EXPECT_EQ(AdminClient(options).Get("/").status, 200);
}

TEST_F(TlsTest, VerifiesAgainstTlsServerName) {
  FakeKong kong(ServerOptions());
  ASSERT_TRUE(kong.Start()) << kong.error();

  ClientOptions options = ClientFor(kong.base_url());
  options.ca_file = material_->Path("ca.crt");
  options.tls_server_name = "kong.test";
  EXPECT_EQ(AdminClient(options).Get("/").status, 200);

  options.tls_server_name = "wrong.test";
  EXPECT_FALSE(AdminClient(options).Get("/").HasResponse());
}

TEST_F(TlsTest, PresentsClientCertificateForMutualTls) {
  FakeKongOptions server = ServerOptions();
  server.client_ca_file = material_->Path("ca.crt");
  FakeKong kong(server);
  ASSERT_TRUE(kong.Start()) << kong.error();

  ClientOptions options = ClientFor(kong.base_url());
  options.ca_file = material_->Path("ca.crt");
  EXPECT_FALSE(AdminClient(options).Get("/").HasResponse());

  options.client_cert_pem = ReadFile(material_->Path("client.crt"));
  options.client_key_pem = ReadFile(material_->Path("client.key"));
  EXPECT_EQ(AdminClient(options).Get("/").status, 200);

  options.client_cert_pem.clear();
  options.client_key_pem.clear();
  options.client_cert_file = material_->Path("client.crt");
  options.client_key_file = material_->Path("client.key");
  EXPECT_EQ(AdminClient(options).Get("/").status, 200);
}

}  // namespace
}  // namespace kic::kong::admin
