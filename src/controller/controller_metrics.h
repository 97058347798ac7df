#pragma once

#include <chrono>
#include <string>

#include "controller/metrics_registry.h"

namespace kic::controller {

// KIC's metric names (internal/metrics/prometheus.go) over a MetricsRegistry. `fallback` selects
// the ingress_controller_fallback_* twin of each metric.
class ControllerMetrics {
 public:
  ControllerMetrics();

  void RecordTranslation(bool success, size_t broken_resources, std::chrono::milliseconds duration,
                         bool fallback);
  // One push to one Kong. `failure_reason` is "" on success, else conflict|network|other (KIC's).
  void RecordPush(const std::string& dataplane, bool success, const std::string& failure_reason, size_t bytes,
                  size_t broken_resources, std::chrono::milliseconds duration, bool fallback);
  void RecordFallbackCacheGeneration(std::chrono::milliseconds duration);

  const MetricsRegistry& registry() const { return registry_; }
  MetricsRegistry& registry() { return registry_; }

 private:
  MetricsRegistry registry_;
};

}  // namespace kic::controller
