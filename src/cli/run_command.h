#pragma once

#include <CLI/CLI.hpp>

namespace kic::cli {

// `kic run`: the live controller (flags: docs/cli.md).
void AddRunCommand(CLI::App& app, int& exit_code);
// `kic sync-once`: translate manifests and push them to Kong once, with fallback.
void AddSyncOnceCommand(CLI::App& app, int& exit_code);

}  // namespace kic::cli
