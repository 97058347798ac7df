#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace kic::controller {

// Label name -> value. Kept sorted so that one series has one key.
using Labels = std::map<std::string, std::string>;

// A small thread-safe Prometheus registry: counters, gauges and histograms with labels, rendered in
// the text exposition format (0.0.4). Enough for the controller's dozen metrics without pulling in
// prometheus-cpp and its server.
class MetricsRegistry {
 public:
  enum class Type { kCounter, kGauge, kHistogram };

  // Declares a metric family. Observing an undeclared name declares it as the kind observed.
  void Declare(const std::string& name, Type type, std::string help, std::vector<double> buckets = {});

  void Add(const std::string& name, const Labels& labels, double value = 1);  // counter
  void Set(const std::string& name, const Labels& labels, double value);      // gauge
  void Observe(const std::string& name, const Labels& labels, double value);  // histogram

  std::string Render() const;
  // The current value of a counter or gauge series, or the count of a histogram series; 0 if absent.
  double Value(const std::string& name, const Labels& labels) const;

 private:
  struct Series {
    double value = 0;  // counter/gauge value, histogram sum
    uint64_t count = 0;
    std::vector<uint64_t> bucket_counts;
  };
  struct Family {
    Type type = Type::kCounter;
    std::string help;
    std::vector<double> buckets;
    std::map<Labels, Series> series;
  };
  Family& FamilyOf(const std::string& name, Type type);  // with mu_ held

  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

}  // namespace kic::controller
