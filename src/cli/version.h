#pragma once

#include <string>

namespace kic::cli {

// "kic <version> (<git revision>)", both fixed at build time.
std::string VersionString();

}  // namespace kic::cli
