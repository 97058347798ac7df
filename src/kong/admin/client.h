#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kong/admin/client_options.h"
#include "kong/admin/http_exchange.h"
#include "kong/admin/root_info.h"

namespace kic::kong::admin {

// What go-kong's ReloadDeclarativeRawConfig sends: Kong answers 304 when the config is unchanged and reports
// errors per entity.
inline constexpr std::string_view kConfigPath = "/config?check_hash=1&flatten_errors=1";

struct RootResponse {
  HttpResult http;
  std::optional<RootInfo> info;  // set when Kong answered 200 with a parsable body
  std::string error;             // otherwise why not
};

struct StatusResponse {
  HttpResult http;
  std::optional<StatusInfo> info;
  std::string error;
};

// A client for one Kong Admin API. Stateless apart from its options: calls may run on several threads at
// once. Calls never throw; failures come back in the result.
class AdminClient {
 public:
  explicit AdminClient(ClientOptions options) : options_(std::move(options)) {}

  const ClientOptions& options() const { return options_; }
  const std::string& base_url() const { return options_.base_url; }

  HttpResult Get(std::string_view path) const;
  HttpResult Post(std::string_view path, std::string_view body) const;

  RootResponse GetRoot() const;
  StatusResponse GetStatus() const;
  // POST /config?check_hash=1&flatten_errors=1 with a JSON declarative config.
  HttpResult PostConfig(std::string_view body) const { return Post(kConfigPath, body); }

  // For running several requests concurrently in one curl multi. `body` must outlive the exchange.
  std::unique_ptr<HttpExchange> Prepare(std::string_view method, std::string_view path,
                                        std::string_view body = {}) const;
  // The same with a body in consecutive pieces (see HttpExchange).
  std::unique_ptr<HttpExchange> Prepare(std::string_view method, std::string_view path,
                                        std::span<const std::string_view> body_pieces) const;

 private:
  ClientOptions options_;
};

}  // namespace kic::kong::admin
