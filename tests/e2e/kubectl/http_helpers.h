#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kic::e2e {

struct HttpResult {
  int status = 0;  // 0: no answer
  nlohmann::json body;
  std::string raw;
  httplib::Headers headers;
};

// A small blocking client for the test server (one connection per call, bounded timeouts).
class ApiClient {
 public:
  explicit ApiClient(int port) : port_(port) {}

  HttpResult Call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& content_type = "application/json",
                  const httplib::Headers& headers = {}) const;
  HttpResult Get(const std::string& path) const { return Call("GET", path); }
  HttpResult Post(const std::string& path, const nlohmann::json& body) const {
    return Call("POST", path, body.dump());
  }

  // Reads a watch until `enough` says so, the server ends the stream, or 15 s pass; returns the events.
  std::vector<nlohmann::json> Watch(const std::string& path,
                                    const std::function<bool(const std::vector<nlohmann::json>&)>& enough,
                                    int* status = nullptr) const;

  // Waits (bounded) until the server has at least `count` open watches.
  bool WaitForWatches(int count) const;

 private:
  int port_;
};

}  // namespace kic::e2e
