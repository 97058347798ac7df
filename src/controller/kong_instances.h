#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "kong/admin/client.h"
#include "kube/store.h"

namespace kic::controller {

// One Kong Admin API endpoint found through the admin Service's EndpointSlices.
struct DiscoveredAdmin {
  std::string url;              // https://10.0.0.5:8444, https://[fd00::5]:8444
  std::string tls_server_name;  // pod.<svc>.<ns>.svc
  bool operator==(const DiscoveredAdmin&) const = default;
  auto operator<=>(const DiscoveredAdmin&) const = default;
};

struct GatewayDiscoveryOptions {
  std::string service_namespace;
  std::string service_name;
  std::vector<std::string> port_names{"admin-tls", "kong-admin-tls"};
  std::string scheme = "https";  // KIC always dials TLS; tests use plain http fakes
  std::chrono::milliseconds readiness_interval{10000};
  std::chrono::milliseconds readiness_timeout{5000};
};

// KIC's adminapi.GetAdminAPIsForService: every ready, non-terminating endpoint of the Service's
// EndpointSlices on a port whose name is listed, sorted.
std::vector<DiscoveredAdmin> AdminEndpointsFromSlices(const kube::Store& store,
                                                      const GatewayDiscoveryOptions& options);

// The Kong instances to configure: a fixed list (--kong-admin-url) or the ready pods of
// --kong-admin-svc, followed live. Thread-safe.
class KongInstances {
 public:
  // Static instances (already probed at start).
  explicit KongInstances(std::vector<kong::admin::AdminClient> clients);
  // Discovered instances; `client_template` carries token, TLS material and timeouts.
  KongInstances(kong::admin::ClientOptions client_template, GatewayDiscoveryOptions discovery);
  ~KongInstances();
  KongInstances(const KongInstances&) = delete;
  KongInstances& operator=(const KongInstances&) = delete;

  bool discovering() const { return discovery_.has_value(); }
  // Discovery: starts the readiness checker. No-op for static instances.
  void Start();
  void Stop();

  // Discovery: re-reads the candidates from the store (call after store changes).
  void UpdateCandidates(const kube::Store& store);
  // One readiness round (GET /status on every candidate; GET / once to learn a new one's router flavor).
  void CheckReadiness();

  std::vector<kong::admin::AdminClient> Ready() const;
  // Bumped whenever the ready set changes.
  uint64_t generation() const;
  // Whether Kong's router flavor is "expressions", once an instance told us.
  std::optional<bool> expression_routes() const;
  // Base URLs that left the ready set since the last call.
  std::vector<std::string> TakeRemoved();

 private:
  struct Candidate {
    kong::admin::AdminClient client;
    bool ready = false;
    bool probed = false;
  };
  kong::admin::AdminClient ClientFor(const DiscoveredAdmin& admin) const;
  void ReadinessLoop(std::stop_token stop);

  std::vector<kong::admin::AdminClient> static_clients_;
  kong::admin::ClientOptions client_template_;
  std::optional<GatewayDiscoveryOptions> discovery_;

  mutable std::mutex mu_;
  std::condition_variable_any wake_;
  bool candidates_changed_ = false;
  std::map<DiscoveredAdmin, Candidate> candidates_;
  uint64_t generation_ = 0;
  std::optional<bool> expression_routes_;
  std::vector<std::string> removed_;
  std::jthread checker_;
};

}  // namespace kic::controller
