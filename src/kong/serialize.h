#pragma once

#include <string>

#include "common/sink.h"
#include "kong/config.h"

namespace kic::kong {

// Writes the declarative configuration (with _format_version "3.0") to any sink. Keys come out
// in the order KIC's golden files have them, so the YAML form is byte-comparable.
void Write(const Config& config, Sink& sink);

// `expected_size` (e.g. the previous body's size) is reserved up front: no regrowth copies of megabytes.
std::string ToJson(const Config& config, size_t expected_size = 0);
std::string ToYaml(const Config& config);

}  // namespace kic::kong
