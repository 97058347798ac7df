#pragma once

#include <optional>
#include <string>

namespace kic {

// The whole content of a file, byte for byte; nullopt when it cannot be opened.
std::optional<std::string> ReadWholeFile(const std::string& path);

}  // namespace kic
