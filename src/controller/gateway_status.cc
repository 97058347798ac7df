#include "controller/gateway_status.h"

#include <spdlog/spdlog.h>

#include "kube/client/resources.h"
#include "kube/client/status_writer.h"
#include "kube/client/time_format.h"

namespace kic::controller {
namespace {

using nlohmann::json;

bool IsRoute(const std::string& kind) {
  return kind.size() > 5 && kind.compare(kind.size() - 5, 5, "Route") == 0;
}

bool IsGatewayApiKind(const std::string& kind) {
  return kind == "GatewayClass" || kind == "Gateway" || IsRoute(kind);
}

const json& ArrayAt(const json& object, const char* key) {
  static const json kEmpty = json::array();
  if (!object.is_object()) return kEmpty;
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : kEmpty;
}

// `wanted` conditions with lastTransitionTime carried over from `previous` where the condition's
// status did not change (Kubernetes API conventions), `now` otherwise.
json WithTransitionTimes(const json& wanted, const json& previous, const std::string& now) {
  json out = json::array();
  for (json condition : wanted) {
    std::string time = now;
    for (const auto& old : previous) {
      if (old.is_object() && old.value("type", "") == condition.value("type", "") &&
          old.value("status", "") == condition.value("status", "") && old.contains("lastTransitionTime")) {
        time = old["lastTransitionTime"].is_string() ? old["lastTransitionTime"].get<std::string>() : now;
        break;
      }
    }
    condition["lastTransitionTime"] = time;
    out.push_back(std::move(condition));
  }
  return out;
}

// The entry of `entries` whose `key` field equals `value`, or an empty object.
const json& FindBy(const json& entries, const char* key, const json& value) {
  static const json kNone = json::object();
  for (const auto& entry : entries)
    if (entry.is_object() && entry.contains(key) && entry[key] == value) return entry;
  return kNone;
}

}  // namespace

std::optional<json> GatewayApiStatusPatch(const std::string& kind, const json& current, const json& wanted,
                                          const std::string& controller_name, const std::string& now) {
  const json current_status =
      current.is_object() && current.contains("status") && current["status"].is_object() ? current["status"]
                                                                                         : json::object();
  if (IsRoute(kind)) {
    json parents = json::array();
    json ours_before = json::array();
    for (const auto& parent : ArrayAt(current_status, "parents")) {
      if (parent.is_object() && parent.value("controllerName", "") == controller_name) {
        ours_before.push_back(parent);
      } else {
        parents.push_back(parent);  // another controller's entry: never ours to change
      }
    }
    for (json parent : ArrayAt(wanted, "parents")) {
      const json& before = FindBy(ours_before, "parentRef", parent.value("parentRef", json::object()));
      parent["conditions"] =
          WithTransitionTimes(ArrayAt(parent, "conditions"), ArrayAt(before, "conditions"), now);
      parents.push_back(std::move(parent));
    }
    if (parents == ArrayAt(current_status, "parents")) return std::nullopt;
    return json{{"status", {{"parents", std::move(parents)}}}};
  }

  if (!wanted.is_object()) return std::nullopt;  // Gateways and classes are not pruned
  json status = wanted;
  if (status.contains("conditions"))
    status["conditions"] =
        WithTransitionTimes(ArrayAt(status, "conditions"), ArrayAt(current_status, "conditions"), now);
  if (status.contains("listeners") && status["listeners"].is_array()) {
    for (auto& listener : status["listeners"]) {
      const json& before =
          FindBy(ArrayAt(current_status, "listeners"), "name", listener.value("name", json()));
      listener["conditions"] =
          WithTransitionTimes(ArrayAt(listener, "conditions"), ArrayAt(before, "conditions"), now);
    }
  }
  bool same = true;
  for (const auto& [key, value] : status.items()) {
    if (!current_status.contains(key) || current_status[key] != value) same = false;
  }
  if (same) return std::nullopt;
  return json{{"status", std::move(status)}};
}

GatewayStatusUpdater::GatewayStatusUpdater(kube::client::ApiClient& api, std::string controller_name,
                                           std::chrono::milliseconds retry_interval)
    : api_(api),
      controller_name_(std::move(controller_name)),
      worker_([this](std::stop_token stop) { return Pass(stop); }, retry_interval) {}

void GatewayStatusUpdater::Update(const std::vector<translate::StatusUpdate>& statuses) {
  std::map<std::string, translate::StatusUpdate> wanted;
  for (const auto& s : statuses) {
    if (!IsGatewayApiKind(s.kind)) continue;
    wanted.emplace(s.kind + "/" + s.namespace_ + "/" + s.name, s);
  }
  {
    std::lock_guard lock(mu_);
    if (wanted.size() == wanted_.size() &&
        std::equal(wanted.begin(), wanted.end(), wanted_.begin(), [](const auto& a, const auto& b) {
          return a.first == b.first && a.second.status == b.second.status;
        }))
      return;
    wanted_ = std::move(wanted);
  }
  worker_.Notify();
}

size_t GatewayStatusUpdater::writes() const {
  std::lock_guard lock(mu_);
  return writes_;
}

bool GatewayStatusUpdater::Write(const Wanted& wanted) {
  const auto& u = wanted.update;
  const auto* resource = kube::client::FindResource(u.kind);
  if (resource == nullptr) return true;  // not a kind we watch: nothing to write to
  const json wanted_status = wanted.prune ? json() : u.status;
  const auto result = kube::client::PatchStatus(
      api_, *resource, u.namespace_, u.name, [&](const json& current) -> std::optional<json> {
        return GatewayApiStatusPatch(u.kind, current, wanted_status, controller_name_,
                                     kube::client::FormatTime(std::chrono::system_clock::now()));
      });
  if (result.ok || result.not_found) {
    std::lock_guard lock(mu_);
    if (result.changed) ++writes_;
    return true;
  }
  spdlog::warn("updating the status of {} {}/{}: {}", u.kind, u.namespace_, u.name, result.error);
  return false;
}

bool GatewayStatusUpdater::Pass(std::stop_token stop) {
  std::map<std::string, translate::StatusUpdate> wanted, written;
  {
    std::lock_guard lock(mu_);
    wanted = wanted_;
    written = written_;
  }
  bool failed = false;
  std::map<std::string, translate::StatusUpdate> now_written;
  for (const auto& [key, update] : wanted) {
    if (stop.stop_requested()) return true;
    if (const auto it = written.find(key); it != written.end() && it->second.status == update.status) {
      now_written.emplace(key, update);
      continue;
    }
    if (Write({update, false})) {
      now_written.emplace(key, update);
    } else {
      failed = true;
    }
  }
  // Routes we wrote a status for and now have nothing to say about: take our entries out.
  for (const auto& [key, update] : written) {
    if (stop.stop_requested()) return true;
    if (wanted.count(key) || !IsRoute(update.kind)) continue;
    if (!Write({update, true})) {
      failed = true;
      now_written.emplace(key, update);  // try the prune again next time
    }
  }
  std::lock_guard lock(mu_);
  written_ = std::move(now_written);
  return !failed;
}

}  // namespace kic::controller
