#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kube/client/api_client.h"
#include "kube/client/kubeconfig.h"

namespace kic::kube::client {

struct RestOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};  // non-streaming requests
  // How long a token read from a file is used before the file is read again (client-go: 1 minute).
  std::chrono::milliseconds token_refresh{std::chrono::minutes(1)};
  std::string user_agent = "kic-cpp/0.1";
  // Non-watch requests answered 429 (or 5xx) with a Retry-After header are retried after that
  // many seconds, up to this many times (client-go's rest client: 10).
  int max_retries = 10;
  // Idle connections kept for reuse (one per concurrent caller is enough; watches hold their own).
  size_t max_idle_connections = 4;
};

// ApiClient over libcurl. Every call runs its own transfer on a multi handle it holds alone, so it
// can be interrupted at once through its stop_token (curl_multi_wakeup); calls are thread-safe.
// Multi handles (and with them curl's connection caches) are pooled between calls, so sequential
// requests reuse one keep-alive connection (HTTP/2 over TLS when the server offers it by ALPN).
// Credentials (bearer token, client certificate) are sent over https only, as client-go does.
class RestClient final : public ApiClient {
 public:
  explicit RestClient(ConnectionConfig config, RestOptions options = {});
  ~RestClient() override;
  RestClient(const RestClient&) = delete;
  RestClient& operator=(const RestClient&) = delete;

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
  struct Handles;  // a curl multi handle with its easy handle, and so its connection cache
  struct HandlesDeleter {
    void operator()(Handles* h) const;
  };
  using HandlesPtr = std::unique_ptr<Handles, HandlesDeleter>;

  ApiResponse PerformWithAuthRetry(const Call& call);
  ApiResponse Perform(const Call& call, const std::string& token);
  HandlesPtr Acquire();
  void Release(HandlesPtr handles);
  // The bearer token to send ("" for none); re-reads a token file when stale or when forced.
  std::string Token(bool force_reload);

  ConnectionConfig config_;
  RestOptions options_;
  bool tls_ = false;
  std::string url_base_;    // scheme://host:port[/prefix], host replaced by tls-server-name if set
  std::string connect_to_;  // curl CONNECT_TO entry sending tls-server-name traffic to the real host

  std::mutex pool_mu_;
  std::vector<HandlesPtr> idle_;

  std::mutex token_mu_;
  std::string token_;
  std::chrono::steady_clock::time_point token_read_at_{};
  bool token_loaded_ = false;
};

}  // namespace kic::kube::client
