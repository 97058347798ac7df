#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kic::kubefake {

// An HTTP request as the API layer sees it (independent of the HTTP library).
struct ApiRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string accept;
  std::string accept_encoding;

  std::string Param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? "" : it->second;
  }
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace kic::kubefake
