#include "controller/status_worker.h"

namespace kic::controller {

StatusWorker::StatusWorker(std::function<bool(std::stop_token)> pass,
                           std::chrono::milliseconds retry_interval)
    : pass_(std::move(pass)), retry_interval_(retry_interval) {}

StatusWorker::~StatusWorker() {
  Stop();
}

void StatusWorker::Start() {
  if (!thread_.joinable()) thread_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
}

void StatusWorker::Stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

void StatusWorker::Notify() {
  std::lock_guard lock(mu_);
  pending_ = true;
  wake_.notify_all();
}

void StatusWorker::Loop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, stop, [this] { return pending_; });
      if (stop.stop_requested()) return;
      pending_ = false;
    }
    if (!pass_(stop)) {
      // Wait a little (or for a newer wish), then try the latest wish again.
      std::unique_lock lock(mu_);
      wake_.wait_for(lock, stop, retry_interval_, [this] { return pending_; });
      pending_ = true;
    }
  }
}

}  // namespace kic::controller
