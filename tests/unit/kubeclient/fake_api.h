#pragma once

// An in-memory stand-in for the API server's list/watch of one collection, behind the
// ApiClient interface: objects with a global resourceVersion counter, an event history that
// can be compacted (so old RVs get 410), paging, and scripted failures.

#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube/client/api_client.h"

namespace kic::kube::client::testing {

// The value of query parameter `key` in `path`, or "".
inline std::string QueryParam(const std::string& path, const std::string& key) {
  const size_t q = path.find('?');
  if (q == std::string::npos) return "";
  for (size_t start = q + 1; start < path.size();) {
    size_t end = path.find('&', start);
    if (end == std::string::npos) end = path.size();
    const std::string pair = path.substr(start, end - start);
    if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
    start = end + 1;
  }
  return "";
}

class FakeCollection final : public ApiClient {
 public:
  struct Event {
    long rv;
    std::string type;
    nlohmann::json object;
  };

  // Adds or replaces an object (an ADDED or MODIFIED event).
  void Put(nlohmann::json object) {
    std::lock_guard lock(mu_);
    const std::string key = Key(object);
    const bool exists = objects_.count(key) > 0;
    object["metadata"]["resourceVersion"] = std::to_string(++rv_);
    objects_[key] = object;
    history_.push_back({rv_, exists ? "MODIFIED" : "ADDED", object});
  }
  void Delete(const std::string& ns, const std::string& name) {
    std::lock_guard lock(mu_);
    auto it = objects_.find(ns + "/" + name);
    if (it == objects_.end()) return;
    nlohmann::json object = it->second;
    objects_.erase(it);
    object["metadata"]["resourceVersion"] = std::to_string(++rv_);
    history_.push_back({rv_, "DELETED", object});
  }
  // Forgets the history: watches from any older RV now get 410 (as an HTTP status, or as an
  // in-stream ERROR event when `as_error_event`).
  void Compact(bool as_error_event = false) {
    std::lock_guard lock(mu_);
    compacted_through_ = rv_;
    expired_as_event_ = as_error_event;
    history_.clear();
  }
  void Bookmark() {
    std::lock_guard lock(mu_);
    ++rv_;
    history_.push_back(
        {rv_, "BOOKMARK",
         nlohmann::json{{"kind", kind_}, {"metadata", {{"resourceVersion", std::to_string(rv_)}}}}});
  }
  // A raw line delivered to watches as is (for garbled-stream tests).
  void RawLine(std::string line) {
    std::lock_guard lock(mu_);
    raw_lines_.push_back(std::move(line));
  }
  // The next requests get these responses instead of being served (status 0 = transport error).
  void FailNext(int count, long status) {
    std::lock_guard lock(mu_);
    for (int i = 0; i < count; ++i) failures_.push_back(status);
  }

  void set_kind(std::string kind, std::string api_version) {
    kind_ = std::move(kind);
    api_version_ = std::move(api_version);
  }
  // A watch ends (the connection "drops") after this many events.
  void set_max_events_per_watch(int n) { max_events_per_watch_ = n; }
  std::vector<std::string> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }
  long rv() const {
    std::lock_guard lock(mu_);
    return rv_;
  }

  ApiResponse Send(const ApiRequest& request, std::stop_token) override {
    std::lock_guard lock(mu_);
    requests_.push_back(request.path);
    if (auto failed = TakeFailure()) return *failed;
    ApiResponse r;
    const std::string cont = QueryParam(request.path, "continue");
    const size_t limit =
        std::stoul(QueryParam(request.path, "limit").empty() ? "0" : QueryParam(request.path, "limit"));
    size_t offset = 0;
    long list_rv = rv_;
    if (!cont.empty()) {  // "offset.rv"
      offset = std::stoul(cont.substr(0, cont.find('.')));
      list_rv = std::stol(cont.substr(cont.find('.') + 1));
    } else {
      snapshot_ = objects_;  // pages share the first page's state
    }
    nlohmann::json items = nlohmann::json::array();
    size_t i = 0;
    for (const auto& [key, object] : snapshot_) {
      if (i++ < offset) continue;
      if (limit && items.size() == limit) break;
      nlohmann::json item = object;
      item.erase("kind");  // built-in list items carry no type
      item.erase("apiVersion");
      items.push_back(item);
    }
    nlohmann::json list = {{"kind", kind_ + "List"}, {"apiVersion", api_version_}, {"items", items}};
    list["metadata"]["resourceVersion"] = std::to_string(list_rv);
    if (offset + items.size() < snapshot_.size())
      list["metadata"]["continue"] = std::to_string(offset + items.size()) + "." + std::to_string(list_rv);
    r.status = 200;
    r.body = list.dump();
    return r;
  }

  ApiResponse Stream(const std::string& path, const LineHandler& on_line, std::chrono::milliseconds,
                     std::stop_token) override {
    std::vector<std::string> lines;
    {
      std::lock_guard lock(mu_);
      requests_.push_back(path);
      if (auto failed = TakeFailure()) return *failed;
      const long from = std::stol(QueryParam(path, "resourceVersion"));
      if (from < compacted_through_) {
        nlohmann::json status = {{"kind", "Status"},    {"apiVersion", "v1"},
                                 {"status", "Failure"}, {"reason", "Expired"},
                                 {"code", 410},         {"message", "too old resource version"}};
        if (!expired_as_event_) {
          ApiResponse r;
          r.status = 410;
          r.body = status.dump();
          ParseStatusInto(r);
          return r;
        }
        lines.push_back(nlohmann::json{{"type", "ERROR"}, {"object", status}}.dump());
      } else {
        for (const auto& e : history_) {
          if (e.rv <= from) continue;
          if (max_events_per_watch_ && static_cast<int>(lines.size()) == max_events_per_watch_) break;
          nlohmann::json object = e.object;
          object["kind"] = kind_;
          object["apiVersion"] = api_version_;
          lines.push_back(nlohmann::json{{"type", e.type}, {"object", object}}.dump());
        }
        for (auto& raw : raw_lines_) lines.push_back(std::move(raw));
        raw_lines_.clear();
      }
    }
    for (const auto& line : lines)
      if (!on_line(line)) break;
    ApiResponse r;
    r.status = 200;
    return r;
  }

 private:
  static std::string Key(const nlohmann::json& o) {
    return o["metadata"].value("namespace", "") + "/" + o["metadata"].value("name", "");
  }
  std::optional<ApiResponse> TakeFailure() {
    if (failures_.empty()) return std::nullopt;
    ApiResponse r;
    r.status = failures_.front();
    failures_.pop_front();
    if (r.status == 0) r.error = "Couldn't connect to server";
    return r;
  }

  mutable std::mutex mu_;
  std::string kind_ = "Service";
  std::string api_version_ = "v1";
  long rv_ = 100;
  long compacted_through_ = 0;
  bool expired_as_event_ = false;
  int max_events_per_watch_ = 0;
  std::map<std::string, nlohmann::json> objects_;
  std::map<std::string, nlohmann::json> snapshot_;
  std::vector<Event> history_;
  std::vector<std::string> raw_lines_;
  std::deque<long> failures_;
  std::vector<std::string> requests_;
};

inline nlohmann::json ServiceJson(const std::string& ns, const std::string& name, int port = 80) {
  return {{"metadata", {{"name", name}, {"namespace", ns}}}, {"spec", {{"ports", {{{"port", port}}}}}}};
}

}  // namespace kic::kube::client::testing
