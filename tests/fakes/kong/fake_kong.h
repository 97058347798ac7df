#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "declarative_validator.h"

namespace httplib {
class Server;
}

namespace kic::testing {

struct FakeKongOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = any free port
  std::string version = "3.9.1";
  std::string edition = "community";
  std::string router_flavor = "traditional";  // traditional, traditional_compatible, expressions
  std::string database = "off";
  // HTTPS when both are set; client certificates are required when client_ca_file is set too.
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string client_ca_file;
  bool validate = true;  // false: accept any document with _format_version (broken objects still apply)
  // Accept every non-empty body unread (hash and keep it only): for benchmarks of the controller, where
  // parsing megabytes per POST would make the fake the bottleneck.
  bool accept_unparsed = false;
  std::vector<BrokenObject> broken_objects;
  bool broken_first_post_only = false;  // KIC's golden harness rejects only the first POST
  std::string required_admin_token;     // when set, other Kong-Admin-Token values get 401
};

struct FakeKongStats {
  int requests = 0;
  int config_posts = 0;  // POST /config received (including failed/injected ones)
  int status_gets = 0;
  int root_gets = 0;
  std::string last_config_body;  // of the last POST /config handled (injected faults answer before)
  std::string applied_config;    // the config string currently loaded
  std::string configuration_hash;
  std::string last_admin_token;  // Kong-Admin-Token of the last request
  std::string last_user_agent;
  std::vector<std::string> request_log;  // "POST /config?check_hash=1&flatten_errors=1 -> 201"
};

// A Kong Admin API in DB-less mode for tests: GET /, GET /status, POST /config (validating like Kong 3.x),
// GET /config, and fault injection through this class or /_test/... endpoints:
//   POST /_test/fail?status=500&count=2   answer the next N requests with that status
//   POST /_test/delay?ms=100              delay every answer
//   POST /_test/restart                   forget the config (hash back to 32 zeros), as a restarted Kong
//   POST /_test/reset                     back to the start state (config, faults, counters)
//   POST /_test/broken[?first_post_only=1] body [{"kind":..,"namespace":..,"name":..}]
//   GET  /_test/stats, GET /_test/last-config
// Thread-safe: the server answers on its own threads.
class FakeKong {
 public:
  explicit FakeKong(FakeKongOptions options = {});
  ~FakeKong();
  FakeKong(const FakeKong&) = delete;
  FakeKong& operator=(const FakeKong&) = delete;

  // Binds and serves in the background. False (see error()) when the address cannot be bound.
  bool Start();
  void Stop();
  int port() const { return port_; }
  std::string base_url() const;
  const std::string& error() const { return error_; }

  void FailNext(int count, int status);
  void SetDelay(std::chrono::milliseconds delay);
  // Down: stop listening (connections are refused). Up: listen again on the same port.
  bool SetDown(bool down);
  void RestartEmpty();
  void Reset();
  void SetBrokenObjects(std::vector<BrokenObject> objects, bool first_post_only);

  FakeKongStats Stats() const;
  std::string ConfigurationHash() const;

  struct State;

 private:
  bool Listen(int port);
  void InstallHandlers(httplib::Server& server);

  const FakeKongOptions options_;
  std::unique_ptr<State> state_;
  mutable std::mutex mutex_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::string error_;
};

// Lower-case hex MD5, as Kong hashes config strings.
std::string Md5Hex(std::string_view data);

}  // namespace kic::testing
