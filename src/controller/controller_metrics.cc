#include "controller/controller_metrics.h"

#include <ctime>

namespace kic::controller {
namespace {

constexpr const char* kProtocol = "db-less";

std::string Name(bool fallback, const std::string& normal, const std::string& twin) {
  return fallback ? "ingress_controller_fallback_" + twin : "ingress_controller_" + normal;
}

const char* Bool(bool value) {
  return value ? "true" : "false";
}

}  // namespace

ControllerMetrics::ControllerMetrics() {
  using Type = MetricsRegistry::Type;
  for (bool fallback : {false, true}) {
    registry_.Declare(Name(fallback, "translation_count", "translation_count"), Type::kCounter,
                      "Count of translations from Kubernetes state to Kong state.");
    registry_.Declare(
        Name(fallback, "translation_broken_resource_count", "translation_broken_resource_count"),
        Type::kGauge, "Number of resources that failed to translate.");
    registry_.Declare(
        Name(fallback, "translation_duration_milliseconds", "translation_duration_milliseconds"),
        Type::kHistogram, "How long translation took, in milliseconds.");
    registry_.Declare(Name(fallback, "configuration_push_count", "configuration_push_count"), Type::kCounter,
                      "Count of configuration pushes to Kong.");
    registry_.Declare(Name(fallback, "configuration_push_duration_milliseconds",
                           "configuration_push_duration_milliseconds"),
                      Type::kHistogram, "How long a configuration push took, in milliseconds.");
    registry_.Declare(Name(fallback, "configuration_push_size", "configuration_push_size"), Type::kGauge,
                      "Size of the configuration pushed to Kong, in bytes.");
    registry_.Declare(Name(fallback, "configuration_push_broken_resource_count",
                           "configuration_push_broken_resource_count"),
                      Type::kGauge, "Number of resources Kong rejected.");
    registry_.Declare(Name(fallback, "configuration_push_last_successful", "configuration_push_last"),
                      Type::kGauge, "Unix time of the last successful push.");
  }
  registry_.Declare("ingress_controller_fallback_cache_generation_duration_milliseconds", Type::kHistogram,
                    "How long building the fallback cache snapshot took, in milliseconds.");
}

void ControllerMetrics::RecordTranslation(bool success, size_t broken_resources,
                                          std::chrono::milliseconds duration, bool fallback) {
  const Labels labels{{"success", Bool(success)}};
  registry_.Add(Name(fallback, "translation_count", "translation_count"), labels);
  registry_.Set(Name(fallback, "translation_broken_resource_count", "translation_broken_resource_count"), {},
                static_cast<double>(broken_resources));
  registry_.Observe(Name(fallback, "translation_duration_milliseconds", "translation_duration_milliseconds"),
                    labels, static_cast<double>(duration.count()));
}

void ControllerMetrics::RecordPush(const std::string& dataplane, bool success,
                                   const std::string& failure_reason, size_t bytes, size_t broken_resources,
                                   std::chrono::milliseconds duration, bool fallback) {
  registry_.Add(Name(fallback, "configuration_push_count", "configuration_push_count"),
                {{"success", Bool(success)},
                 {"protocol", kProtocol},
                 {"failure_reason", failure_reason},
                 {"dataplane", dataplane}});
  registry_.Observe(
      Name(fallback, "configuration_push_duration_milliseconds", "configuration_push_duration_milliseconds"),
      {{"success", Bool(success)}, {"protocol", kProtocol}, {"dataplane", dataplane}},
      static_cast<double>(duration.count()));
  registry_.Set(Name(fallback, "configuration_push_size", "configuration_push_size"),
                {{"protocol", kProtocol}, {"dataplane", dataplane}}, static_cast<double>(bytes));
  registry_.Set(
      Name(fallback, "configuration_push_broken_resource_count", "configuration_push_broken_resource_count"),
      {{"dataplane", dataplane}}, static_cast<double>(broken_resources));
  if (success)
    registry_.Set(Name(fallback, "configuration_push_last_successful", "configuration_push_last"),
                  {{"dataplane", dataplane}}, static_cast<double>(std::time(nullptr)));
}

void ControllerMetrics::RecordFallbackCacheGeneration(std::chrono::milliseconds duration) {
  registry_.Observe("ingress_controller_fallback_cache_generation_duration_milliseconds", {},
                    static_cast<double>(duration.count()));
}

}  // namespace kic::controller
