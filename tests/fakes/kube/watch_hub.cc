#include "watch_hub.h"

namespace kic::kubefake {

namespace {

bool Differ(const WatchHub::Signals& a, const WatchHub::Signals& b) {
  return a.latest_rv != b.latest_rv || a.drop_epoch != b.drop_epoch || a.bookmark_epoch != b.bookmark_epoch ||
         a.stopping != b.stopping;
}

}  // namespace

void WatchHub::Publish(int64_t resource_version) {
  {
    std::lock_guard lock(mu_);
    if (resource_version > signals_.latest_rv) signals_.latest_rv = resource_version;
  }
  cv_.notify_all();
}

void WatchHub::DropAll(bool abrupt) {
  {
    std::lock_guard lock(mu_);
    ++signals_.drop_epoch;
    signals_.abrupt_drop = abrupt;
  }
  cv_.notify_all();
}

void WatchHub::RequestBookmarks() {
  {
    std::lock_guard lock(mu_);
    ++signals_.bookmark_epoch;
  }
  cv_.notify_all();
}

void WatchHub::Stop() {
  {
    std::lock_guard lock(mu_);
    signals_.stopping = true;
  }
  cv_.notify_all();
}

WatchHub::Signals WatchHub::Current() const {
  std::lock_guard lock(mu_);
  return signals_;
}

WatchHub::Signals WatchHub::WaitForChange(const Signals& seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [&] { return Differ(signals_, seen); });
  return signals_;
}

int WatchHub::ActiveWatches() const {
  std::lock_guard lock(mu_);
  return active_watches_;
}

WatchHub::Registration::Registration(WatchHub& hub) : hub_(hub) {
  std::lock_guard lock(hub_.mu_);
  ++hub_.active_watches_;
}

WatchHub::Registration::~Registration() {
  std::lock_guard lock(hub_.mu_);
  --hub_.active_watches_;
}

}  // namespace kic::kubefake
