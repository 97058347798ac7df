#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kube/client/api_client.h"
#include "kube/client/reflector.h"
#include "kube/client/synced_store.h"

namespace kic::kube::client {

struct ClusterWatchConfig {
  std::vector<std::string> namespaces;  // one reflector per namespace; empty = all namespaces
  std::vector<std::string> kinds;       // empty = every row of WatchedResources()
  ReflectorOptions reflector;           // template for every reflector (the namespace is set per reflector)
  // How often kinds that are not served yet (CRDs not installed) are looked for again.
  std::chrono::milliseconds discovery_interval{std::chrono::seconds(30)};
};

// Runs the reflectors for every watched kind (× namespace), each on its own thread, starting a
// kind only once discovery shows it is served, and re-checking unserved kinds periodically.
class ClusterWatch {
 public:
  ClusterWatch(ApiClient& api, SyncedStore& store, ClusterWatchConfig config);
  ~ClusterWatch();
  ClusterWatch(const ClusterWatch&) = delete;
  ClusterWatch& operator=(const ClusterWatch&) = delete;

  void Start();
  void Stop();  // stops every thread and waits for it

  // True once every kind has been looked up and every served kind's reflectors applied their
  // first LIST. The sync loop waits for this before the first sync.
  bool HasSynced() const;
  // Kinds with running reflectors.
  std::set<std::string> StartedKinds() const;

 private:
  struct Running {
    std::unique_ptr<Reflector> reflector;  // declared first: the thread is joined before it goes
    std::jthread thread;
  };
  void DiscoveryLoop(std::stop_token stop);
  void StartKind(const ResourceInfo& resource);

  ApiClient& api_;
  SyncedStore& store_;
  ClusterWatchConfig config_;

  mutable std::mutex mu_;
  std::vector<Running> running_;
  std::set<std::string> started_;
  bool all_checked_ = false;  // every kind got a yes/no answer at least once
  std::jthread discovery_;    // last: stopped first
};

}  // namespace kic::kube::client
