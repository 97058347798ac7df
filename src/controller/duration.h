#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kic::controller {

// Go's time.ParseDuration: "300ms", "1.5h", "2h45m", "-1s", "0". Units ns, us (µs), ms, s, m, h.
// nullopt for anything Go would refuse. Sub-millisecond parts are truncated.
std::optional<std::chrono::milliseconds> ParseGoDuration(std::string_view text);

// The shortest Go form of `d` ("5s", "1m30s", "50ms", "0s"), for defaults in help texts.
std::string FormatGoDuration(std::chrono::milliseconds d);

// Seconds as a float (KIC's --proxy-sync-seconds 0.05) to milliseconds, rounded.
std::chrono::milliseconds SecondsToMillis(double seconds);

}  // namespace kic::controller
