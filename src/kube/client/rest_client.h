#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "kube/client/api_client.h"
#include "kube/client/kubeconfig.h"

namespace kic::kube::client {

struct RestOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};  // non-streaming requests
  // How long a token read from a file is used before the file is read again (client-go: 1 minute).
  std::chrono::milliseconds token_refresh{std::chrono::minutes(1)};
  std::string user_agent = "kic-cpp/0.1";
};

// ApiClient over libcurl. Every call runs its own transfer on a private multi handle so that it
// can be interrupted at once through its stop_token (curl_multi_wakeup); calls are thread-safe.
// Credentials (bearer token, client certificate) are sent over https only, as client-go does.
class RestClient final : public ApiClient {
 public:
  explicit RestClient(ConnectionConfig config, RestOptions options = {});

  ApiResponse Send(const ApiRequest& request, std::stop_token stop = {}) override;
  ApiResponse Stream(const std::string& path, const LineHandler& on_line, std::chrono::milliseconds timeout,
                     std::stop_token stop) override;

  const ConnectionConfig& config() const { return config_; }

 private:
  struct Call {
    const ApiRequest& request;
    std::chrono::milliseconds timeout;
    const LineHandler* on_line;  // null: collect the body
    std::stop_token stop;
  };
  ApiResponse PerformWithAuthRetry(const Call& call);
  ApiResponse Perform(const Call& call, const std::string& token);
  // The bearer token to send ("" for none); re-reads a token file when stale or when forced.
  std::string Token(bool force_reload);

  ConnectionConfig config_;
  RestOptions options_;
  bool tls_ = false;
  std::string url_base_;    // scheme://host:port[/prefix], host replaced by tls-server-name if set
  std::string connect_to_;  // curl CONNECT_TO entry sending tls-server-name traffic to the real host

  std::mutex token_mu_;
  std::string token_;
  std::chrono::steady_clock::time_point token_read_at_{};
  bool token_loaded_ = false;
};

}  // namespace kic::kube::client
