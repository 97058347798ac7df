#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace kic::controller {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// GET path (without the query) -> response. Handlers run on the server's thread.
using HttpHandler = std::function<HttpResponse(const std::string& path)>;

// A minimal HTTP/1.1 server for probes, /metrics and diagnostics: one thread, one request per
// connection (Connection: close), GET only, bounded reads. Anything heavier is not its job.
class HttpServer {
 public:
  HttpServer() = default;
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Exact path match; a path ending in '/' also matches every path below it.
  void Handle(std::string path, HttpHandler handler);

  // Binds "host:port" (":10254" = every interface, "[::1]:0" for IPv6, port 0 = any free) and serves
  // in the background. Returns "" on success, else why not.
  std::string Start(const std::string& address);
  void Stop();
  int port() const { return port_; }

  // Serve one accepted connection (public for tests of the parser).
  void ServeConnection(int fd) const;

 private:
  HttpResponse Dispatch(const std::string& method, const std::string& path) const;
  void Loop(std::stop_token stop);

  std::map<std::string, HttpHandler> handlers_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::jthread thread_;
};

// Splits "host:port" / "[v6]:port" / ":port"; false when malformed.
bool SplitHostPort(const std::string& address, std::string& host, int& port);

}  // namespace kic::controller
