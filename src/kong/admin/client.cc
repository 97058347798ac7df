#include "kong/admin/client.h"

#include <exception>

namespace kic::kong::admin {
namespace {

HttpResult Run(const ClientOptions& options, std::string_view method, std::string_view path,
               std::string_view body) {
  try {
    HttpExchange exchange(options, method, path, body);
    return exchange.Perform();
  } catch (const std::exception& e) {
    HttpResult result;
    result.transport_error = std::string("request failed: ") + e.what();
    return result;
  }
}

std::string Unexpected(const HttpResult& http, std::string_view what) {
  if (!http.transport_error.empty()) return std::string(what) + " failed: " + http.transport_error;
  return std::string(what) + " failed: HTTP status " + std::to_string(http.status);
}

}  // namespace

HttpResult AdminClient::Get(std::string_view path) const {
  return Run(options_, "GET", path, {});
}

HttpResult AdminClient::Post(std::string_view path, std::string_view body) const {
  return Run(options_, "POST", path, body);
}

std::unique_ptr<HttpExchange> AdminClient::Prepare(std::string_view method, std::string_view path,
                                                   std::string_view body) const {
  return std::make_unique<HttpExchange>(options_, method, path, body);
}

std::unique_ptr<HttpExchange> AdminClient::Prepare(std::string_view method, std::string_view path,
                                                   std::span<const std::string_view> body_pieces) const {
  return std::make_unique<HttpExchange>(options_, method, path, body_pieces);
}

RootResponse AdminClient::GetRoot() const {
  RootResponse response;
  response.http = Get("/");
  if (response.http.status != 200) {
    response.error = Unexpected(response.http, "GET " + base_url() + "/");
    return response;
  }
  auto parsed = ParseRootInfo(response.http.body);
  response.info = std::move(parsed.info);
  response.error = std::move(parsed.error);
  return response;
}

StatusResponse AdminClient::GetStatus() const {
  StatusResponse response;
  response.http = Get("/status");
  if (response.http.status != 200) {
    response.error = Unexpected(response.http, "GET " + base_url() + "/status");
    return response;
  }
  auto parsed = ParseStatus(response.http.body);
  response.info = std::move(parsed.info);
  response.error = std::move(parsed.error);
  return response;
}

}  // namespace kic::kong::admin
