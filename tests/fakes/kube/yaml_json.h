#pragma once

#include <nlohmann/json.hpp>

#include "common/yaml_tree.h"

namespace kic::kubefake {

// A YAML node as JSON, with plain scalars resolved the way sigs.k8s.io/yaml does (80 is a number,
// "80" a string, true a bool, ~ null).
nlohmann::json YamlToJson(const kic::yaml::Node& node);

}  // namespace kic::kubefake
