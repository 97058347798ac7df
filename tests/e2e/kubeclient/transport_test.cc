// RestClient over real sockets: chunked watch streams, Status errors, TLS verification,
// tls-server-name, bearer tokens (with rotation) and client certificates.

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "kube/client/rest_client.h"
#include "tls_files.h"

namespace kic::kube::client {
namespace {

// Runs an httplib server on 127.0.0.1 (any free port) on its own thread.
class ServerThread {
 public:
  explicit ServerThread(httplib::Server& server) : server_(server) {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 2000 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ServerThread() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  httplib::Server& server_;
  int port_ = 0;
  std::thread thread_;
};

ConnectionConfig Plain(int port) {
  ConnectionConfig c;
  c.server = "http://127.0.0.1:" + std::to_string(port);
  return c;
}

RestOptions Fast() {
  RestOptions o;
  o.connect_timeout = std::chrono::seconds(5);
  o.request_timeout = std::chrono::seconds(10);
  return o;
}

TEST(TransportHttp, StreamReassemblesLinesAcrossChunks) {
  httplib::Server server;
  server.Get("/api/v1/services", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json", [](size_t, httplib::DataSink& sink) {
      // One event split over three chunks, then two events in one chunk.
      sink.write("{\"type\":\"ADD", 12);
      sink.write("ED\",\"object\":{}", 15);
      sink.write("}\n", 2);
      const std::string two = "{\"type\":\"MODIFIED\"}\n{\"type\":\"DELETED\"}\n";
      sink.write(two.data(), two.size());
      sink.done();
      return true;
    });
  });
  ServerThread running(server);
  RestClient client(Plain(running.port()), Fast());
  std::vector<std::string> lines;
  auto r = client.Stream("/api/v1/services?watch=true",
                         [&](std::string_view line) {
                           lines.emplace_back(line);
                           return true;
                         },
                         std::chrono::seconds(10), {});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(lines, (std::vector<std::string>{R"({"type":"ADDED","object":{}})", R"({"type":"MODIFIED"})",
                                             R"({"type":"DELETED"})"}));
}

TEST(TransportHttp, HandlerCanEndTheStreamAndStopInterruptsIt) {
  httplib::Server server;
  server.Get("/endless", [](const httplib::Request&, httplib::Response& res) {
    // One line per call, so each goes out on its own; ends after 200 lines.
    res.set_chunked_content_provider("application/json", [](size_t offset, httplib::DataSink& sink) {
      if (offset >= 200 * 3) {
        sink.done();
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      sink.write("{}\n", 3);
      return true;
    });
  });
  ServerThread running(server);
  RestClient client(Plain(running.port()), Fast());
  int seen = 0;
  auto ended =
      client.Stream("/endless", [&](std::string_view) { return ++seen < 3; }, std::chrono::seconds(10), {});
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(ended.status, 200);
  EXPECT_TRUE(ended.error.empty()) << ended.error;

  std::stop_source stop;
  int after_stop = 0;
  auto stopped = client.Stream(
      "/endless",
      [&](std::string_view) {
        if (++after_stop == 2) stop.request_stop();
        return true;
      },
      std::chrono::seconds(10), stop.get_token());
  EXPECT_EQ(stopped.error, "stopped");
  EXPECT_LT(after_stop, 200);
}

TEST(TransportHttp, ErrorsCarryTheStatusReasonAndMessage) {
  httplib::Server server;
  server.Get("/api/v1/namespaces/default/services/x", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"services \"x\" not found","reason":"NotFound","code":404})",
        "application/json");
  });
  server.Patch("/p", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_header_value("Content-Type") + "|" + req.body, "text/plain");
  });
  ServerThread running(server);
  RestClient client(Plain(running.port()), Fast());
  auto missing = client.Get("/api/v1/namespaces/default/services/x");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.reason, "NotFound");
  EXPECT_EQ(missing.message, "services \"x\" not found");
  EXPECT_EQ(missing.Describe(), "404 NotFound: services \"x\" not found");

  auto patched = client.Patch("/p", R"({"a":1})", kJsonPatch);
  EXPECT_EQ(patched.body, "application/json-patch+json|{\"a\":1}");

  RestClient nowhere(Plain(1), Fast());  // nothing listens on port 1
  auto refused = nowhere.Get("/api");
  EXPECT_EQ(refused.status, 0);
  EXPECT_FALSE(refused.error.empty());
}

class TransportTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("kic-tls-" + std::to_string(::getpid()));
    files_ = new testing::TlsFiles(testing::TlsFiles::Generate(dir_.string()));
  }
  static void TearDownTestSuite() {
    delete files_;
    std::filesystem::remove_all(dir_);
  }
  void SetUp() override {
    if (!files_->error.empty()) GTEST_SKIP() << files_->error;
  }
  ConnectionConfig Tls(int port) {
    ConnectionConfig c;
    c.server = "https://127.0.0.1:" + std::to_string(port);
    c.ca_pem = files_->ca_pem;
    c.tls_server_name = "kube.test";
    return c;
  }
  static void EchoAuth(httplib::Server& server) {
    server.Get("/auth", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.get_header_value("Authorization"), "text/plain");
    });
  }

  static inline std::filesystem::path dir_;
  static inline testing::TlsFiles* files_ = nullptr;
};

TEST_F(TransportTls, VerifiesTheServerAgainstTheConfiguredCa) {
  httplib::SSLServer server(files_->server_crt.c_str(), files_->server_key.c_str());
  EchoAuth(server);
  ServerThread running(server);

  auto good = RestClient(Tls(running.port()), Fast()).Get("/auth");
  EXPECT_EQ(good.status, 200) << good.error;

  ConnectionConfig wrong_ca = Tls(running.port());
  wrong_ca.ca_pem = files_->other_ca_pem;
  auto refused = RestClient(wrong_ca, Fast()).Get("/auth");
  EXPECT_EQ(refused.status, 0);
  EXPECT_FALSE(refused.error.empty());

  ConnectionConfig wrong_name = Tls(running.port());
  wrong_name.tls_server_name.clear();  // the certificate names only kube.test, not 127.0.0.1
  EXPECT_EQ(RestClient(wrong_name, Fast()).Get("/auth").status, 0);

  ConnectionConfig insecure = wrong_ca;
  insecure.insecure_skip_tls_verify = true;
  EXPECT_EQ(RestClient(insecure, Fast()).Get("/auth").status, 200);
}

TEST_F(TransportTls, SendsTheBearerTokenAndPicksUpARotatedTokenFile) {
  httplib::SSLServer server(files_->server_crt.c_str(), files_->server_key.c_str());
  EchoAuth(server);
  ServerThread running(server);

  ConnectionConfig with_token = Tls(running.port());
  with_token.token = "static-token";
  EXPECT_EQ(RestClient(with_token, Fast()).Get("/auth").body, "Bearer static-token");

  const std::string token_file = (dir_ / "token").string();
  std::ofstream(token_file) << "first\n";
  ConnectionConfig with_file = Tls(running.port());
  with_file.token_file = token_file;
  RestOptions options = Fast();
  options.token_refresh = std::chrono::milliseconds(0);  // re-read on every request
  RestClient client(with_file, options);
  EXPECT_EQ(client.Get("/auth").body, "Bearer first");
  std::ofstream(token_file) << "second\n";
  EXPECT_EQ(client.Get("/auth").body, "Bearer second");
}

TEST_F(TransportTls, PresentsTheClientCertificate) {
  httplib::SSLServer server(files_->server_crt.c_str(), files_->server_key.c_str(), files_->ca_crt.c_str());
  EchoAuth(server);
  ServerThread running(server);

  EXPECT_EQ(RestClient(Tls(running.port()), Fast()).Get("/auth").status, 0);  // no certificate: refused

  ConnectionConfig mtls = Tls(running.port());
  mtls.client_cert_pem = files_->client_crt_pem;
  mtls.client_key_pem = files_->client_key_pem;
  auto r = RestClient(mtls, Fast()).Get("/auth");
  EXPECT_EQ(r.status, 200) << r.error;
}

}  // namespace
}  // namespace kic::kube::client
