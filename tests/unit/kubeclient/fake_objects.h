#pragma once

// An in-memory object server behind ApiClient for the write paths (status, Events, Leases):
// GET/POST/PUT/PATCH with resourceVersion preconditions and 404/409 as the API server answers.

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube/client/api_client.h"

namespace kic::kube::client::testing {

class FakeObjects final : public ApiClient {
 public:
  struct Logged {
    Method method;
    std::string path;
    std::string body;
    std::string content_type;
  };

  void Seed(const std::string& path, nlohmann::json object) {
    std::lock_guard lock(mu_);
    object["metadata"]["resourceVersion"] = std::to_string(++rv_);
    objects_[path] = object;
  }
  // Changes the stored object behind the client's back (another writer), bumping its RV.
  void Touch(const std::string& path) {
    std::lock_guard lock(mu_);
    objects_[path]["metadata"]["resourceVersion"] = std::to_string(++rv_);
  }
  void Erase(const std::string& path) {
    std::lock_guard lock(mu_);
    objects_.erase(path);
  }
  // The next `n` PATCHes first see another writer change the object (so they get 409).
  void ConflictNextPatches(int n) {
    std::lock_guard lock(mu_);
    conflicts_ = n;
  }
  std::optional<nlohmann::json> Object(const std::string& path) const {
    std::lock_guard lock(mu_);
    auto it = objects_.find(path);
    return it == objects_.end() ? std::nullopt : std::optional<nlohmann::json>(it->second);
  }
  std::vector<Logged> log() const {
    std::lock_guard lock(mu_);
    return log_;
  }
  std::vector<Logged> Writes() const {
    std::vector<Logged> out;
    for (auto& l : log())
      if (l.method != Method::kGet) out.push_back(l);
    return out;
  }

  ApiResponse Send(const ApiRequest& request, std::stop_token) override {
    std::lock_guard lock(mu_);
    log_.push_back({request.method, request.path, request.body, request.content_type});
    std::string path = request.path;
    if (path.size() > 7 && path.ends_with("/status")) path.resize(path.size() - 7);
    auto it = objects_.find(path);
    auto body = nlohmann::json::parse(request.body.empty() ? "null" : request.body);
    switch (request.method) {
      case Method::kGet:
        if (it == objects_.end()) return Error(404, "NotFound");
        return Ok(200, it->second);
      case Method::kPost: {
        const std::string target = path + "/" + body["metadata"]["name"].get<std::string>();
        if (objects_.count(target)) return Error(409, "AlreadyExists");
        body["metadata"]["resourceVersion"] = std::to_string(++rv_);
        objects_[target] = body;
        return Ok(201, body);
      }
      case Method::kPut: {
        if (it == objects_.end()) return Error(404, "NotFound");
        const std::string rv = body["metadata"].value("resourceVersion", "");
        if (!rv.empty() && rv != it->second["metadata"]["resourceVersion"]) return Error(409, "Conflict");
        body["metadata"]["resourceVersion"] = std::to_string(++rv_);
        it->second = body;
        return Ok(200, body);
      }
      case Method::kPatch: {
        if (it == objects_.end()) return Error(404, "NotFound");
        if (conflicts_ > 0) {
          --conflicts_;
          it->second["metadata"]["resourceVersion"] = std::to_string(++rv_);
        }
        const std::string rv = body.contains("metadata") ? body["metadata"].value("resourceVersion", "") : "";
        if (!rv.empty() && rv != it->second["metadata"]["resourceVersion"]) return Error(409, "Conflict");
        if (body.contains("metadata")) body["metadata"].erase("resourceVersion");
        it->second.merge_patch(body);
        it->second["metadata"]["resourceVersion"] = std::to_string(++rv_);
        return Ok(200, it->second);
      }
      case Method::kDelete:
        if (it == objects_.end()) return Error(404, "NotFound");
        objects_.erase(it);
        return Ok(200, nlohmann::json{{"kind", "Status"}, {"status", "Success"}});
    }
    return Error(405, "MethodNotAllowed");
  }
  ApiResponse Stream(const std::string&, const LineHandler&, std::chrono::milliseconds,
                     std::stop_token) override {
    return Error(405, "MethodNotAllowed");
  }

 private:
  static ApiResponse Ok(long status, const nlohmann::json& body) {
    ApiResponse r;
    r.status = status;
    r.body = body.dump();
    return r;
  }
  static ApiResponse Error(long status, const std::string& reason) {
    ApiResponse r;
    r.status = status;
    r.body =
        nlohmann::json{{"kind", "Status"}, {"reason", reason}, {"code", status}, {"message", reason}}.dump();
    ParseStatusInto(r);
    return r;
  }

  mutable std::mutex mu_;
  long rv_ = 1;
  int conflicts_ = 0;
  std::map<std::string, nlohmann::json> objects_;
  std::vector<Logged> log_;
};

}  // namespace kic::kube::client::testing
