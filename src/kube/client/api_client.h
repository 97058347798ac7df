#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace kic::kube::client {

enum class Method { kGet, kPost, kPut, kPatch, kDelete };
const char* MethodName(Method method);

inline constexpr std::string_view kJson = "application/json";
inline constexpr std::string_view kMergePatch = "application/merge-patch+json";
inline constexpr std::string_view kJsonPatch = "application/json-patch+json";
inline constexpr std::string_view kStrategicMergePatch = "application/strategic-merge-patch+json";

struct ApiRequest {
  Method method = Method::kGet;
  std::string path;  // with the query string, e.g. "/api/v1/services?limit=500"
  std::string body;  // JSON; empty for GET
  std::string content_type = std::string(kJson);
};

// The outcome of one request, as a value. `status` is 0 when no HTTP answer arrived (connection
// refused, TLS failure, stopped), and `error` then says why. For an HTTP error, `reason` and
// `message` come from the metav1.Status body when there is one.
struct ApiResponse {
  long status = 0;
  std::string body;
  std::string error;
  std::string reason;   // "NotFound", "Conflict", "Expired", ...
  std::string message;  // the Status message
  int retry_after_seconds = 0;
  // Set when the answer is one to retry after a wait: 429 or 5xx with a Retry-After header (seconds).
  std::optional<int> retry_after;

  bool ok() const { return status >= 200 && status < 300; }
  bool transport_failed() const { return status == 0; }
  // One line for logs: "404 NotFound: services \"x\" not found" or "connect: Connection refused".
  std::string Describe() const;
};

// Fills reason/message/retry_after_seconds from a metav1.Status JSON body (if it is one).
void ParseStatusInto(ApiResponse& response);

// Receives each complete line of a streamed response body. Return false to end the stream.
using LineHandler = std::function<bool(std::string_view line)>;

// The transport every API user (reflectors, writers, leader election) goes through, so tests can
// put a fake behind them. Implementations are safe to call from several threads at once.
class ApiClient {
 public:
  virtual ~ApiClient() = default;

  virtual ApiResponse Send(const ApiRequest& request, std::stop_token stop = {}) = 0;
  // A long-running GET (watch): calls `on_line` for every newline-terminated line of a 2xx body,
  // across chunk boundaries, until the server closes, `timeout` passes, the handler returns
  // false, or `stop` is requested. Non-2xx bodies are returned whole in the response.
  virtual ApiResponse Stream(const std::string& path, const LineHandler& on_line,
                             std::chrono::milliseconds timeout, std::stop_token stop) = 0;

  ApiResponse Get(const std::string& path, std::stop_token stop = {}) {
    return Send({Method::kGet, path, "", std::string(kJson)}, stop);
  }
  ApiResponse Post(const std::string& path, std::string body) {
    return Send({Method::kPost, path, std::move(body), std::string(kJson)});
  }
  ApiResponse Put(const std::string& path, std::string body) {
    return Send({Method::kPut, path, std::move(body), std::string(kJson)});
  }
  ApiResponse Patch(const std::string& path, std::string body, std::string_view content_type = kMergePatch) {
    return Send({Method::kPatch, path, std::move(body), std::string(content_type)});
  }
  ApiResponse Delete(const std::string& path) {
    return Send({Method::kDelete, path, "", std::string(kJson)});
  }
};

}  // namespace kic::kube::client
