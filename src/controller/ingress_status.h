#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

#include "controller/status_worker.h"
#include "kube/client/api_client.h"
#include "kube/client/status_writer.h"
#include "kube/store.h"

namespace kic::controller {

// The addresses KIC writes into status.loadBalancer.ingress: --publish-status-address when given,
// else --publish-service's (a LoadBalancer's ingress IPs and hostnames, other types' clusterIPs).
// Each entry is an IP when it parses as one, else a hostname.
std::vector<kube::client::LoadBalancerIngress> PublishAddresses(
    const kube::Store& store, const std::string& publish_service,
    const std::vector<std::string>& status_addresses);

// Writes Ingress status on its own thread so that the sync loop never waits for the API server.
// Only the latest wish counts: each Update replaces the previous one; an Ingress is written when
// its wanted addresses differ from what this process last wrote (or it is new).
class IngressStatusUpdater {
 public:
  explicit IngressStatusUpdater(kube::client::ApiClient& api,
                                std::chrono::milliseconds retry_interval = std::chrono::seconds(5));
  IngressStatusUpdater(const IngressStatusUpdater&) = delete;
  IngressStatusUpdater& operator=(const IngressStatusUpdater&) = delete;

  void Start() { worker_.Start(); }
  void Stop() { worker_.Stop(); }
  // `ingresses` are "ns/name" of the Ingresses Kong is configured with, sorted (kept, not copied).
  void Update(std::shared_ptr<const std::vector<std::string>> ingresses,
              std::vector<kube::client::LoadBalancerIngress> addresses);
  size_t writes() const;

 private:
  bool Pass(std::stop_token stop);

  kube::client::ApiClient& api_;
  mutable std::mutex mu_;
  // Every Ingress gets the same addresses: one shared list, and per Ingress only which list it got.
  using Addresses = std::shared_ptr<const std::vector<kube::client::LoadBalancerIngress>>;
  std::shared_ptr<const std::vector<std::string>> wanted_ =
      std::make_shared<const std::vector<std::string>>();
  Addresses addresses_ = std::make_shared<const std::vector<kube::client::LoadBalancerIngress>>();
  std::unordered_map<std::string, Addresses> written_;
  size_t writes_ = 0;
  StatusWorker worker_;  // last: its thread stops before the state above goes away
};

}  // namespace kic::controller
