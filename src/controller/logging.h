#pragma once

#include <string>

namespace kic::controller {

// Sets up the default logger on stderr: `format` "text" (human) or "json" (one object per line,
// {"level","time","logger","msg"} as KIC's zap JSON encoder), `level` trace|debug|info|warn|error.
// Returns "" or what is wrong with the arguments.
std::string ConfigureLogging(const std::string& format, const std::string& level);

}  // namespace kic::controller
