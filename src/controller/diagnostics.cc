#include "controller/diagnostics.h"

#include "controller/redact.h"

namespace kic::controller {

void ConfigDumps::Store(std::optional<Body>& slot, Body config_json) {
  std::lock_guard lock(mu_);
  slot = std::move(config_json);
}

std::optional<std::string> ConfigDumps::Get(const std::string& which) const {
  std::optional<Body> body;
  {
    std::lock_guard lock(mu_);
    if (which == "raw-error") return raw_error_;
    if (which == "successful") body = successful_;
    if (which == "failed") body = failed_;
    if (which == "fallback") body = fallback_;
  }
  if (!body) return std::nullopt;
  const std::string text = body->Text();
  return sensitive_ ? text : RedactConfigJson(text);
}

}  // namespace kic::controller
