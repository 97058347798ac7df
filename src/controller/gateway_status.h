#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stop_token>
#include <string>
#include <vector>

#include "controller/status_worker.h"
#include "kube/client/api_client.h"
#include "translate/status.h"

namespace kic::controller {

// The status stanza to write, given what the object holds now. Pure, so that the rules are tested
// without a server:
// - Conditions keep their lastTransitionTime while their status is unchanged, else get `now`
//   (the translator has no clock; the API server requires the field).
// - Routes: status.parents entries of other controllers stay; ours are replaced by `wanted`'s, so
//   parents we no longer reference are pruned. `wanted` may be null (we have nothing to say about
//   this route any more): then only our entries are removed.
// Returns nullopt when the object already holds exactly this status.
std::optional<nlohmann::json> GatewayApiStatusPatch(const std::string& kind, const nlohmann::json& current,
                                                    const nlohmann::json& wanted,
                                                    const std::string& controller_name,
                                                    const std::string& now);

// Writes Gateway API status (GatewayClass, Gateway, *Route) computed by the translator for the
// configuration Kong accepted, on its own thread so that the sync loop never waits for the API
// server. Only the latest wish counts; an object is written when its wanted status differs from
// what this process last wrote; routes we wrote before and no longer have a status for get our
// parent entries removed.
class GatewayStatusUpdater {
 public:
  GatewayStatusUpdater(kube::client::ApiClient& api, std::string controller_name,
                       std::chrono::milliseconds retry_interval = std::chrono::seconds(5));
  GatewayStatusUpdater(const GatewayStatusUpdater&) = delete;
  GatewayStatusUpdater& operator=(const GatewayStatusUpdater&) = delete;

  void Start() { worker_.Start(); }
  void Stop() { worker_.Stop(); }
  // Statuses of kinds other than Gateway API ones (Ingress) are ignored: IngressStatusUpdater owns those.
  void Update(const std::vector<translate::StatusUpdate>& statuses);
  size_t writes() const;

 private:
  struct Wanted {
    translate::StatusUpdate update;
    bool prune = false;  // a route we no longer have a status for: remove our parent entries
  };
  bool Pass(std::stop_token stop);
  bool Write(const Wanted& wanted);

  kube::client::ApiClient& api_;
  const std::string controller_name_;
  mutable std::mutex mu_;
  std::map<std::string, translate::StatusUpdate> wanted_;  // by "Kind/ns/name"
  std::map<std::string, translate::StatusUpdate> written_;
  size_t writes_ = 0;
  StatusWorker worker_;  // last: its thread stops before the state above goes away
};

}  // namespace kic::controller
