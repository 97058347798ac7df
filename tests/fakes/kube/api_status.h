#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace kic::kubefake {

// A failed API request, in the shape of a metav1.Status. Handlers return it as a value; inside one
// request it may also be thrown (ApiException) and is turned into the HTTP answer at the boundary.
struct ApiError {
  int code = 500;
  std::string reason;   // NotFound, AlreadyExists, Conflict, Invalid, Expired, ...
  std::string message;  // what kubectl prints after "Error from server (<reason>): "
  nlohmann::json details = nlohmann::json::object();
  int retry_after_seconds = 0;  // > 0: also sent as a Retry-After header

  nlohmann::json ToStatus() const;
};

struct ApiException : std::runtime_error {
  explicit ApiException(ApiError e) : std::runtime_error(e.message), error(std::move(e)) {}
  ApiError error;
};

// Identifies an object in messages: "services" or "ingresses.networking.k8s.io".
std::string QualifiedResource(const std::string& plural, const std::string& group);

ApiError BadRequest(std::string message);
ApiError NotFound(const std::string& plural, const std::string& group, const std::string& name);
ApiError AlreadyExists(const std::string& plural, const std::string& group, const std::string& name);
ApiError Conflict(const std::string& plural, const std::string& group, const std::string& name);
// `kind` is the Kind ("Ingress"), as the real server words 422s.
ApiError Invalid(const std::string& kind, const std::string& group, const std::string& name,
                 const std::string& field, const std::string& cause);
ApiError Expired(std::string message);
ApiError MethodNotAllowed(std::string message);
ApiError UnsupportedMediaType(std::string message);
ApiError Unauthorized();
ApiError InternalError(std::string message);
ApiError TooManyRequests(int retry_after_seconds);

// The body of a successful DELETE.
nlohmann::json SuccessStatus(const std::string& plural, const std::string& group, const std::string& name,
                             const std::string& uid);

}  // namespace kic::kubefake
