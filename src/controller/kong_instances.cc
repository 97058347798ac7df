#include "controller/kong_instances.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace kic::controller {

std::vector<DiscoveredAdmin> AdminEndpointsFromSlices(const kube::Store& store,
                                                      const GatewayDiscoveryOptions& options) {
  std::vector<DiscoveredAdmin> found;
  const auto server_name = "pod." + options.service_name + "." + options.service_namespace + ".svc";
  for (const auto* slice : store.EndpointSlicesOf(options.service_namespace, options.service_name)) {
    for (const auto& port : slice->ports) {
      if (!port.name || !port.port) continue;
      if (std::find(options.port_names.begin(), options.port_names.end(), *port.name) ==
          options.port_names.end())
        continue;
      for (const auto& endpoint : slice->endpoints) {
        // As EndpointSlice readiness: unset means ready; terminating endpoints are leaving.
        if (endpoint.ready.value_or(true) == false || endpoint.terminating.value_or(false)) continue;
        for (const auto& address : endpoint.addresses) {
          const bool v6 = address.find(':') != std::string::npos;
          const auto host = v6 ? "[" + address + "]" : address;
          found.push_back({options.scheme + "://" + host + ":" + std::to_string(*port.port), server_name});
        }
      }
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

KongInstances::KongInstances(std::vector<kong::admin::AdminClient> clients)
    : static_clients_(std::move(clients)) {}

KongInstances::KongInstances(kong::admin::ClientOptions client_template, GatewayDiscoveryOptions discovery)
    : client_template_(std::move(client_template)), discovery_(std::move(discovery)) {}

KongInstances::~KongInstances() {
  Stop();
}

void KongInstances::Start() {
  if (discovery_ && !checker_.joinable())
    checker_ = std::jthread([this](std::stop_token stop) { ReadinessLoop(stop); });
}

void KongInstances::Stop() {
  if (checker_.joinable()) {
    checker_.request_stop();
    checker_.join();
  }
}

kong::admin::AdminClient KongInstances::ClientFor(const DiscoveredAdmin& admin) const {
  auto options = client_template_;
  options.base_url = admin.url;
  if (options.tls_server_name.empty()) options.tls_server_name = admin.tls_server_name;
  options.request_timeout = std::min(options.request_timeout, discovery_->readiness_timeout);
  return kong::admin::AdminClient(options);
}

void KongInstances::UpdateCandidates(const kube::Store& store) {
  if (!discovery_) return;
  const auto admins = AdminEndpointsFromSlices(store, *discovery_);
  std::lock_guard lock(mu_);
  bool changed = false;
  for (auto it = candidates_.begin(); it != candidates_.end();) {
    if (std::binary_search(admins.begin(), admins.end(), it->first)) {
      ++it;
      continue;
    }
    spdlog::info("Kong instance {} left the admin Service", it->first.url);
    if (it->second.ready) {
      removed_.push_back(it->first.url);
      ++generation_;
    }
    it = candidates_.erase(it);
    changed = true;
  }
  for (const auto& admin : admins) {
    if (candidates_.count(admin)) continue;
    spdlog::info("Kong instance {} discovered", admin.url);
    candidates_.emplace(admin, Candidate{ClientFor(admin)});
    changed = true;
  }
  if (changed) {
    candidates_changed_ = true;
    wake_.notify_all();
  }
}

void KongInstances::CheckReadiness() {
  std::vector<std::pair<DiscoveredAdmin, Candidate>> snapshot;
  {
    std::lock_guard lock(mu_);
    candidates_changed_ = false;
    snapshot.assign(candidates_.begin(), candidates_.end());
  }
  // Requests run without the lock: a slow Kong must not block Ready().
  for (auto& [admin, candidate] : snapshot) {
    std::optional<bool> expressions;
    if (!candidate.probed) {
      const auto root = candidate.client.GetRoot();
      if (!root.info) {
        candidate.ready = false;
        continue;
      }
      candidate.probed = true;
      expressions = root.info->router_flavor == "expressions";
    }
    const auto status = candidate.client.GetStatus();
    candidate.ready = status.info.has_value();
    std::lock_guard lock(mu_);
    if (expressions && !expression_routes_) expression_routes_ = *expressions;
    const auto it = candidates_.find(admin);
    if (it == candidates_.end()) continue;  // removed meanwhile
    it->second.probed = candidate.probed;
    if (it->second.ready != candidate.ready) {
      spdlog::info("Kong instance {} is {}", admin.url, candidate.ready ? "ready" : "not ready");
      if (!candidate.ready) removed_.push_back(admin.url);
      it->second.ready = candidate.ready;
      ++generation_;
    }
  }
}

void KongInstances::ReadinessLoop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    CheckReadiness();
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, stop, discovery_->readiness_interval, [this] { return candidates_changed_; });
  }
}

std::vector<kong::admin::AdminClient> KongInstances::Ready() const {
  if (!discovery_) return static_clients_;
  std::lock_guard lock(mu_);
  std::vector<kong::admin::AdminClient> ready;
  for (const auto& [admin, candidate] : candidates_) {
    if (candidate.ready) ready.push_back(candidate.client);
  }
  return ready;
}

uint64_t KongInstances::generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

std::optional<bool> KongInstances::expression_routes() const {
  std::lock_guard lock(mu_);
  return expression_routes_;
}

std::vector<std::string> KongInstances::TakeRemoved() {
  std::lock_guard lock(mu_);
  return std::exchange(removed_, {});
}

}  // namespace kic::controller
