#include "controller/ingress_status.h"

#include <arpa/inet.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/strings.h"

namespace kic::controller {
namespace {

bool IsIp(const std::string& text) {
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 || inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

kube::client::LoadBalancerIngress Entry(const std::string& address) {
  return IsIp(address) ? kube::client::LoadBalancerIngress{address, ""}
                       : kube::client::LoadBalancerIngress{"", address};
}

}  // namespace

std::vector<kube::client::LoadBalancerIngress> PublishAddresses(
    const kube::Store& store, const std::string& publish_service,
    const std::vector<std::string>& status_addresses) {
  std::vector<kube::client::LoadBalancerIngress> out;
  if (!status_addresses.empty()) {
    for (const auto& address : status_addresses) out.push_back(Entry(address));
    return out;
  }
  const auto parts = Split(publish_service, "/");
  if (parts.size() != 2) return out;
  const auto* service = store.services().Get(parts[0], parts[1]);
  if (service == nullptr) return out;
  if (service->type == "LoadBalancer") {
    for (const auto& ip : service->load_balancer_ips) out.push_back({ip, ""});
    for (const auto& hostname : service->load_balancer_hostnames) out.push_back({"", hostname});
  } else {
    for (const auto& ip : service->cluster_ips) {
      if (ip != "None") out.push_back({ip, ""});
    }
  }
  return out;
}

IngressStatusUpdater::IngressStatusUpdater(kube::client::ApiClient& api,
                                           std::chrono::milliseconds retry_interval)
    : api_(api), worker_([this](std::stop_token stop) { return Pass(stop); }, retry_interval) {}

void IngressStatusUpdater::Update(std::shared_ptr<const std::vector<std::string>> ingresses,
                                  std::vector<kube::client::LoadBalancerIngress> addresses) {
  {
    std::lock_guard lock(mu_);
    if ((ingresses == wanted_ || *ingresses == *wanted_) && addresses == *addresses_) return;
    wanted_ = std::move(ingresses);
    if (addresses != *addresses_)
      addresses_ =
          std::make_shared<const std::vector<kube::client::LoadBalancerIngress>>(std::move(addresses));
  }
  worker_.Notify();
}

size_t IngressStatusUpdater::writes() const {
  std::lock_guard lock(mu_);
  return writes_;
}

bool IngressStatusUpdater::Pass(std::stop_token stop) {
  std::shared_ptr<const std::vector<std::string>> wanted;
  Addresses addresses;
  {
    std::lock_guard lock(mu_);
    wanted = wanted_;
    addresses = addresses_;
  }
  if (addresses->empty()) {
    spdlog::warn("no addresses to publish in Ingress status (--publish-service / --publish-status-address)");
    return true;
  }
  bool failed = false;
  for (const auto& key : *wanted) {
    if (stop.stop_requested()) return true;
    {
      std::lock_guard lock(mu_);
      const auto it = written_.find(key);
      if (it != written_.end() && (it->second == addresses || *it->second == *addresses)) continue;
    }
    const auto parts = Split(key, "/");
    const auto result = kube::client::SetIngressLoadBalancer(api_, parts[0], parts[1], *addresses);
    std::lock_guard lock(mu_);
    if (result.ok) {
      written_[key] = addresses;
      if (result.changed) ++writes_;
    } else {
      failed = true;
      spdlog::warn("updating the status of Ingress {}: {}", key, result.error);
    }
  }
  std::lock_guard lock(mu_);
  std::erase_if(written_, [this](const auto& entry) {
    return !std::binary_search(wanted_->begin(), wanted_->end(), entry.first);
  });
  return !failed;
}

}  // namespace kic::controller
