#include "api_status.h"

namespace kic::kubefake {

using nlohmann::json;

json ApiError::ToStatus() const {
  json status = {{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", json::object()},
                 {"status", "Failure"}, {"message", message}, {"reason", reason},
                 {"code", code}};
  json d = details;
  if (retry_after_seconds > 0) d["retryAfterSeconds"] = retry_after_seconds;
  if (!d.empty()) status["details"] = d;
  return status;
}

std::string QualifiedResource(const std::string& plural, const std::string& group) {
  return group.empty() ? plural : plural + "." + group;
}

namespace {

json ObjectDetails(const std::string& plural, const std::string& group, const std::string& name) {
  json d = {{"name", name}, {"kind", plural}};
  if (!group.empty()) d["group"] = group;
  return d;
}

}  // namespace

ApiError BadRequest(std::string message) {
  return {400, "BadRequest", std::move(message)};
}

ApiError NotFound(const std::string& plural, const std::string& group, const std::string& name) {
  return {404, "NotFound", QualifiedResource(plural, group) + " \"" + name + "\" not found",
          ObjectDetails(plural, group, name)};
}

ApiError AlreadyExists(const std::string& plural, const std::string& group, const std::string& name) {
  return {409, "AlreadyExists", QualifiedResource(plural, group) + " \"" + name + "\" already exists",
          ObjectDetails(plural, group, name)};
}

ApiError Conflict(const std::string& plural, const std::string& group, const std::string& name) {
  return {
      409, "Conflict",
      "Operation cannot be fulfilled on " + QualifiedResource(plural, group) + " \"" + name +
          "\": the object has been modified; please apply your changes to the latest version and try again",
      ObjectDetails(plural, group, name)};
}

ApiError Invalid(const std::string& kind, const std::string& group, const std::string& name,
                 const std::string& field, const std::string& cause) {
  std::string qualified_kind = group.empty() ? kind : kind + "." + group;
  json details = {
      {"name", name},
      {"kind", kind},
      {"causes", json::array({{{"reason", "FieldValueInvalid"}, {"message", cause}, {"field", field}}})}};
  if (!group.empty()) details["group"] = group;
  return {422, "Invalid", qualified_kind + " \"" + name + "\" is invalid: " + field + ": " + cause, details};
}

ApiError Expired(std::string message) {
  return {410, "Expired", std::move(message)};
}

ApiError MethodNotAllowed(std::string message) {
  return {405, "MethodNotAllowed", std::move(message)};
}

ApiError UnsupportedMediaType(std::string message) {
  return {415, "UnsupportedMediaType", std::move(message)};
}

ApiError Unauthorized() {
  return {401, "Unauthorized", "Unauthorized"};
}

ApiError InternalError(std::string message) {
  return {500, "InternalError", "Internal error occurred: " + message};
}

ApiError TooManyRequests(int retry_after_seconds) {
  ApiError e{429, "TooManyRequests",
             "the server has received too many requests and has asked us to try again later"};
  e.retry_after_seconds = retry_after_seconds;
  return e;
}

json SuccessStatus(const std::string& plural, const std::string& group, const std::string& name,
                   const std::string& uid) {
  json details = ObjectDetails(plural, group, name);
  details["uid"] = uid;
  return {{"kind", "Status"},
          {"apiVersion", "v1"},
          {"metadata", json::object()},
          {"status", "Success"},
          {"details", details}};
}

}  // namespace kic::kubefake
