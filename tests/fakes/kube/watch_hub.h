#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace kic::kubefake {

// Wakes open watches: on every store change, when a test asks to drop all watches or to send
// bookmarks now, and when the server stops. Watches compare the signals with those they last saw.
class WatchHub {
 public:
  struct Signals {
    int64_t latest_rv = 0;
    uint64_t drop_epoch = 0;
    uint64_t bookmark_epoch = 0;
    bool abrupt_drop = false;  // the last drop closes connections without ending the chunked body
    bool stopping = false;
  };

  void Publish(int64_t resource_version);
  void DropAll(bool abrupt);
  void RequestBookmarks();
  void Stop();

  Signals Current() const;
  // Returns as soon as the signals differ from `seen`, or after `timeout`.
  Signals WaitForChange(const Signals& seen, std::chrono::milliseconds timeout) const;

  // Open watches, for /_test/watches (tests wait until a client's watch is established).
  int ActiveWatches() const;
  class Registration {
   public:
    explicit Registration(WatchHub& hub);
    ~Registration();
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    WatchHub& hub_;
  };

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  Signals signals_;
  int active_watches_ = 0;
};

}  // namespace kic::kubefake
