#pragma once

#include <chrono>
#include <string>

namespace kic::kube::client {

// RFC 3339 in UTC as the API writes it: "2025-01-01T00:00:00Z" (metav1.Time), or with exactly
// six fraction digits, "2025-01-01T00:00:00.123456Z" (metav1.MicroTime, used by Leases).
std::string FormatTime(std::chrono::system_clock::time_point t);
std::string FormatMicroTime(std::chrono::system_clock::time_point t);

}  // namespace kic::kube::client
