#include "kube/client/cluster_watch.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "kube/client/discovery.h"

namespace kic::kube::client {

ClusterWatch::ClusterWatch(ApiClient& api, SyncedStore& store, ClusterWatchConfig config)
    : api_(api), store_(store), config_(std::move(config)) {}

ClusterWatch::~ClusterWatch() {
  Stop();
}

void ClusterWatch::Start() {
  discovery_ = std::jthread([this](std::stop_token stop) { DiscoveryLoop(stop); });
}

void ClusterWatch::Stop() {
  if (discovery_.joinable()) {
    discovery_.request_stop();
    discovery_.join();
  }
  std::vector<Running> running;
  {
    std::lock_guard lock(mu_);
    running.swap(running_);
  }
  for (auto& r : running) r.thread.request_stop();  // all at once, then join one by one
  running.clear();
}

void ClusterWatch::StartKind(const ResourceInfo& resource) {
  std::vector<std::string> namespaces = config_.namespaces;
  if (namespaces.empty() || !resource.namespaced) namespaces = {""};
  std::lock_guard lock(mu_);
  for (const auto& ns : namespaces) {
    ReflectorOptions options = config_.reflector;
    options.namespace_ = ns;
    options.seed = config_.reflector.seed + static_cast<unsigned>(running_.size());
    Running r;
    r.reflector = std::make_unique<Reflector>(api_, resource, store_, options);
    r.thread = std::jthread([reflector = r.reflector.get()](std::stop_token stop) { reflector->Run(stop); });
    running_.push_back(std::move(r));
  }
  started_.insert(resource.kind);
  spdlog::info("watching {}", resource.kind);
}

void ClusterWatch::DiscoveryLoop(std::stop_token stop) {
  std::vector<ResourceInfo> pending;
  for (const auto& r : WatchedResources())
    if (config_.kinds.empty() ||
        std::find(config_.kinds.begin(), config_.kinds.end(), r.kind) != config_.kinds.end())
      pending.push_back(r);
  while (!stop.stop_requested() && !pending.empty()) {
    bool all_answered = true;
    std::vector<ResourceInfo> still_pending;
    for (const auto& resource : pending) {
      switch (CheckServed(api_, resource, stop)) {
        case Served::kYes:
          StartKind(resource);
          break;
        case Served::kNo:
          still_pending.push_back(resource);
          break;
        case Served::kUnknown:
          all_answered = false;
          still_pending.push_back(resource);
          break;
      }
    }
    pending.swap(still_pending);
    if (all_answered) {
      std::lock_guard lock(mu_);
      all_checked_ = true;
    }
    SleepFor(config_.discovery_interval, stop);
  }
  std::lock_guard lock(mu_);
  if (pending.empty()) all_checked_ = true;
}

bool ClusterWatch::HasSynced() const {
  std::lock_guard lock(mu_);
  if (!all_checked_) return false;
  for (const auto& r : running_)
    if (!store_.HasSynced(r.reflector->resource().kind, r.reflector->namespace_())) return false;
  return true;
}

std::set<std::string> ClusterWatch::StartedKinds() const {
  std::lock_guard lock(mu_);
  return started_;
}

}  // namespace kic::kube::client
