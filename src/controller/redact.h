#pragma once

#include <string>
#include <string_view>

namespace kic::controller {

// What KIC's diagnostics show in place of a secret.
inline constexpr std::string_view kRedactedValue = "{vault://redacted-value}";

// A declarative config (JSON) with certificate keys and consumer credentials' secrets replaced by
// kRedactedValue, as KIC's config dumps without --dump-sensitive-config. Returns the input
// unchanged when it is not JSON (it is then nothing we produced).
std::string RedactConfigJson(std::string_view config_json);

}  // namespace kic::controller
