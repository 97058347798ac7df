#include "kube/client/api_client.h"

#include <nlohmann/json.hpp>

namespace kic::kube::client {

const char* MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
  }
  return "GET";
}

std::string ApiResponse::Describe() const {
  if (status == 0) return error.empty() ? "no response" : error;
  std::string out = std::to_string(status);
  if (!reason.empty()) out += " " + reason;
  if (!message.empty()) {
    out += ": " + message;
  } else if (!ok() && !body.empty()) {
    out += ": " + body.substr(0, 200);
  }
  return out;
}

void ParseStatusInto(ApiResponse& response) {
  auto status = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!status.is_object() || status.value("kind", "") != "Status") return;
  if (auto it = status.find("reason"); it != status.end() && it->is_string())
    response.reason = it->get<std::string>();
  if (auto it = status.find("message"); it != status.end() && it->is_string())
    response.message = it->get<std::string>();
  if (auto details = status.find("details"); details != status.end() && details->is_object()) {
    if (auto it = details->find("retryAfterSeconds"); it != details->end() && it->is_number_integer())
      response.retry_after_seconds = it->get<int>();
  }
}

}  // namespace kic::kube::client
