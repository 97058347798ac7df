#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kic::translate {

// A Gateway API Duration ("1h", "10s", "1m30s", "500ms") in milliseconds; nullopt when malformed.
std::optional<int64_t> ParseGatewayDuration(std::string_view text);

}  // namespace kic::translate
