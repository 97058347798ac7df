#include "controller/metrics_registry.h"

#include <cmath>
#include <sstream>

namespace kic::controller {
namespace {

const std::vector<double>& DefaultBuckets() {
  static const std::vector<double> kBuckets{1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000};
  return kBuckets;
}

std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatLabels(const Labels& labels, const std::string& extra_name = "",
                         const std::string& extra = "") {
  if (labels.empty() && extra_name.empty()) return "";
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ",";
    first = false;
    out += name + "=\"" + EscapeLabel(value) + "\"";
  }
  if (!extra_name.empty()) out += std::string(first ? "" : ",") + extra_name + "=\"" + extra + "\"";
  return out + "}";
}

std::string FormatNumber(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

const char* TypeName(MetricsRegistry::Type type) {
  switch (type) {
    case MetricsRegistry::Type::kCounter:
      return "counter";
    case MetricsRegistry::Type::kGauge:
      return "gauge";
    case MetricsRegistry::Type::kHistogram:
      return "histogram";
  }
  return "untyped";
}

}  // namespace

void MetricsRegistry::Declare(const std::string& name, Type type, std::string help,
                              std::vector<double> buckets) {
  std::lock_guard lock(mu_);
  auto& family = families_[name];
  family.type = type;
  family.help = std::move(help);
  family.buckets = buckets.empty() && type == Type::kHistogram ? DefaultBuckets() : std::move(buckets);
}

MetricsRegistry::Family& MetricsRegistry::FamilyOf(const std::string& name, Type type) {
  auto [it, inserted] = families_.try_emplace(name);
  if (inserted) {
    it->second.type = type;
    if (type == Type::kHistogram) it->second.buckets = DefaultBuckets();
  }
  return it->second;
}

void MetricsRegistry::Add(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mu_);
  FamilyOf(name, Type::kCounter).series[labels].value += value;
}

void MetricsRegistry::Set(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mu_);
  FamilyOf(name, Type::kGauge).series[labels].value = value;
}

void MetricsRegistry::Observe(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mu_);
  auto& family = FamilyOf(name, Type::kHistogram);
  auto& series = family.series[labels];
  series.bucket_counts.resize(family.buckets.size());
  for (size_t i = 0; i < family.buckets.size(); ++i) {
    if (value <= family.buckets[i]) ++series.bucket_counts[i];
  }
  series.value += value;
  ++series.count;
}

double MetricsRegistry::Value(const std::string& name, const Labels& labels) const {
  std::lock_guard lock(mu_);
  const auto family = families_.find(name);
  if (family == families_.end()) return 0;
  const auto series = family->second.series.find(labels);
  if (series == family->second.series.end()) return 0;
  return family->second.type == Type::kHistogram ? static_cast<double>(series->second.count)
                                                 : series->second.value;
}

std::string MetricsRegistry::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  for (const auto& [name, family] : families_) {
    if (!family.help.empty()) out += "# HELP " + name + " " + family.help + "\n";
    out += "# TYPE " + name + " " + TypeName(family.type) + "\n";
    for (const auto& [labels, series] : family.series) {
      if (family.type != Type::kHistogram) {
        out += name + FormatLabels(labels) + " " + FormatNumber(series.value) + "\n";
        continue;
      }
      for (size_t i = 0; i < family.buckets.size(); ++i) {
        const uint64_t in_bucket = i < series.bucket_counts.size() ? series.bucket_counts[i] : 0;
        out += name + "_bucket" + FormatLabels(labels, "le", FormatNumber(family.buckets[i])) + " " +
               std::to_string(in_bucket) + "\n";
      }
      out +=
          name + "_bucket" + FormatLabels(labels, "le", "+Inf") + " " + std::to_string(series.count) + "\n";
      out += name + "_sum" + FormatLabels(labels) + " " + FormatNumber(series.value) + "\n";
      out += name + "_count" + FormatLabels(labels) + " " + std::to_string(series.count) + "\n";
    }
  }
  return out;
}

}  // namespace kic::controller
