#include "cli/version.h"

#ifndef KIC_VERSION
#define KIC_VERSION "0.0.0"
#endif
#ifndef KIC_GIT_REVISION
#define KIC_GIT_REVISION "unknown"
#endif

namespace kic::cli {

std::string VersionString() {
  return std::string("kic ") + KIC_VERSION + " (" + KIC_GIT_REVISION + ")";
}

}  // namespace kic::cli
