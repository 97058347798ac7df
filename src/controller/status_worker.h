#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace kic::controller {

// The thread behind the status writers: runs `pass` whenever Notify() says the wish changed, so
// that the sync loop never waits for the API server. A pass that reports failure runs again after
// `retry_interval` (or sooner, on the next Notify), as KIC retries failed status writes.
class StatusWorker {
 public:
  // `pass` writes the latest wish; returns false when something could not be written.
  StatusWorker(std::function<bool(std::stop_token)> pass, std::chrono::milliseconds retry_interval);
  ~StatusWorker();
  StatusWorker(const StatusWorker&) = delete;
  StatusWorker& operator=(const StatusWorker&) = delete;

  void Start();
  void Stop();  // waits for a running pass to return
  void Notify();

 private:
  void Loop(std::stop_token stop);

  const std::function<bool(std::stop_token)> pass_;
  const std::chrono::milliseconds retry_interval_;
  std::mutex mu_;
  std::condition_variable_any wake_;
  bool pending_ = false;
  std::jthread thread_;
};

}  // namespace kic::controller
