#pragma once

// Waits and files for the controller's end-to-end tests (processes: tests/support).

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "child_process.h"

namespace kic::controller::e2e {

using kic::testing::ChildProcess;

// Polls `condition` every few milliseconds until it holds or `bound` passes (a liveness bound so a
// broken build cannot hang CI, not a speed assertion). Returns whether it held.
bool Eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds bound = std::chrono::seconds(30));

std::string ReadFile(const std::string& path);
// A fresh directory under /tmp, removed by the caller (or left for inspection after a failure).
std::string MakeTempDir();

}  // namespace kic::controller::e2e
