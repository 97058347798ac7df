#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "resource_type.h"

namespace kic::kubefake {

// Whether an Accept header asks for a meta.k8s.io Table (what `kubectl get` sends).
bool WantsTable(const std::string& accept);

// Renders objects as a meta.k8s.io/v1 Table: Name, the CRD's printer columns (or a few built-in
// ones), Age. `with_columns` is false for watch events after the first, as the real server does.
class TableRenderer {
 public:
  TableRenderer(const ResourceType& type, const std::string& version);

  nlohmann::json Render(const std::vector<nlohmann::json>& objects, const nlohmann::json& list_metadata,
                        bool with_columns) const;

 private:
  nlohmann::json Row(const nlohmann::json& object) const;
  std::vector<PrinterColumn> columns_;
};

// Evaluates the small JSONPath subset printer columns use: .a.b, .a[0], .a[*].b, .a[?(@.k=="v")].b.
std::vector<nlohmann::json> EvaluateJsonPath(const nlohmann::json& object, const std::string& path);

// Kubernetes' short human durations: 45s, 12m, 5h, 3d.
std::string HumanAge(const std::string& rfc3339_timestamp);

}  // namespace kic::kubefake
