#pragma once

#include <stop_token>

#include "controller/flags.h"

namespace kic::controller {

// `kic run`: wires the watches, Kong instances, sync loop, leader election, status writer and the
// probe/metrics/diagnostics servers together from validated flags, and runs until `stop`.
// Exit codes: 0 stopped cleanly, 1 could not start (or the watches never synced), 2 bad flags.
int RunController(const Flags& flags, std::stop_token stop);

}  // namespace kic::controller
