#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "discovery.h"
#include "fault_injector.h"
#include "object_store.h"
#include "resource_api.h"
#include "resource_catalog.h"
#include "test_controls.h"
#include "watch_hub.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace kic::kubefake {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;           // 0: any free port
  std::string cert_file;  // both set: HTTPS
  std::string key_file;
  std::optional<std::string> token;  // required as "Authorization: Bearer <token>"
  size_t history_limit = 10000;      // events kept for watch resumption
  std::chrono::milliseconds bookmark_interval{5000};
};

// The test Kubernetes API server: wires discovery, the object API, watches and the /_test/ controls
// to an HTTP(S) server.
class KubeTestServer {
 public:
  KubeTestServer(ResourceCatalog catalog, ServerOptions options);
  ~KubeTestServer();
  KubeTestServer(const KubeTestServer&) = delete;
  KubeTestServer& operator=(const KubeTestServer&) = delete;

  // Binds the socket; returns the port, or an error message.
  std::variant<int, std::string> Bind();
  void Serve();  // blocks until Stop()
  void Stop();

 private:
  void Route(const httplib::Request& req, httplib::Response& res);
  void RouteRequest(const httplib::Request& req, httplib::Response& res);
  void ServeWatch(const ApiRequest& request, const ResourcePath& path, httplib::Response& res);
  // Remembers the client connection an API request came on (GET /_test/connections counts them).
  void NoteConnection(const httplib::Request& req);

  ResourceCatalog catalog_;
  ServerOptions options_;
  ObjectStore store_;
  WatchHub hub_;
  FaultInjector faults_;
  ResourceApi api_;
  TestControls controls_;
  std::unique_ptr<Discovery> discovery_;  // knows the bound address
  std::unique_ptr<httplib::Server> http_;

  std::mutex connections_mu_;
  // (address, port) of every client connection that carried an API request since the last reset:
  // a connection is one client port, so this counts connections without a hook into accept().
  std::set<std::pair<std::string, int>> connections_;
};

}  // namespace kic::kubefake
