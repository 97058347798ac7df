#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/client/events.h"
#include "kube/store.h"

namespace kic::controller {

// KIC's Event reasons (internal/dataplane/kong_client.go, sendconfig).
inline constexpr std::string_view kReasonTranslationFailed = "KongConfigurationTranslationFailed";
inline constexpr std::string_view kReasonApplyFailed = "KongConfigurationApplyFailed";
inline constexpr std::string_view kReasonSucceeded = "KongConfigurationSucceeded";
inline constexpr std::string_view kReasonFallbackSucceeded = "FallbackKongConfigurationSucceeded";
inline constexpr std::string_view kReasonFallbackTranslationFailed =
    "FallbackKongConfigurationTranslationFailed";
inline constexpr std::string_view kReasonFallbackApplyFailed = "FallbackKongConfigurationApplyFailed";

// Where the sync engine's Events go: the API server in `kic run`, nowhere (or a list) elsewhere.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // `type` is "Normal" or "Warning". Must not throw; failures are the sink's to log.
  virtual void Emit(const kube::client::ObjectRef& object, std::string_view type, std::string_view reason,
                    const std::string& message) = 0;
};

// Writes Events through the Kubernetes API (deduplicated by the recorder).
class RecorderEventSink final : public EventSink {
 public:
  explicit RecorderEventSink(kube::client::EventRecorder& recorder) : recorder_(recorder) {}
  void Emit(const kube::client::ObjectRef& object, std::string_view type, std::string_view reason,
            const std::string& message) override;

 private:
  kube::client::EventRecorder& recorder_;
};

// Keeps Events in memory (tests, sync-once which prints them).
class CollectingEventSink final : public EventSink {
 public:
  struct Event {
    kube::client::ObjectRef object;
    std::string type, reason, message;
  };
  void Emit(const kube::client::ObjectRef& object, std::string_view type, std::string_view reason,
            const std::string& message) override;
  std::vector<Event> events() const;

 private:
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

// The Event target for a stored object, with its uid and apiVersion; nullopt when it is not stored.
std::optional<kube::client::ObjectRef> FindObjectRef(const kube::Store& store, std::string_view kind,
                                                     std::string_view ns, std::string_view name);

// Splits a Problem's object ("Kind namespace/name" or "Kind name") into its parts; false otherwise.
bool ParseProblemObject(std::string_view object, std::string& kind, std::string& ns, std::string& name);

}  // namespace kic::controller
