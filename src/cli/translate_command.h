#pragma once

#include <CLI/CLI.hpp>

namespace kic::cli {

// `kic translate`: manifests in, the Kong declarative configuration out (offline; no cluster, no Kong).
void AddTranslateCommand(CLI::App& app, int& exit_code);

}  // namespace kic::cli
