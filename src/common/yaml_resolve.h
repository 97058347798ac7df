#pragma once

#include <string_view>

namespace kic::yaml {

// What an untagged plain YAML 1.1 scalar means, by the rules of gopkg.in/yaml.v2 (which
// Kubernetes' sigs.k8s.io/yaml and KIC's golden files use): "yes"/"on" are booleans, "~" is
// null, "012" is an octal integer, "1_000" an integer, "2001-12-14" a timestamp, and so on.
enum class ScalarType { kNull, kBool, kInt, kFloat, kTimestamp, kMerge, kString };

ScalarType ResolvePlain(std::string_view text);

// yaml.v2 also refuses to write base-60 floats ("1:20") as plain strings.
bool IsBase60Float(std::string_view text);

// For a resolved kBool: its value.
bool PlainBoolValue(std::string_view text);

}  // namespace kic::yaml
