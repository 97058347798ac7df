#include "translate/state.h"

#include <algorithm>

namespace kic::translate {

std::string PortDef::Canonical() const {
  switch (mode) {
    case Mode::kNumber:
      return std::to_string(number);
    case Mode::kName:
      return name;
    case Mode::kImplicit:
      break;
  }
  return "implicitPort";
}

PortDef PortDef::From(const kube::ServiceBackendPort& port) {
  PortDef def;
  if (port.number && *port.number != 0) {
    def.mode = Mode::kNumber;
    def.number = *port.number;
  } else if (!port.name.empty()) {
    def.mode = Mode::kName;
    def.name = port.name;
  }
  return def;
}

void TlsClaims::Add(const std::string& secret_key, const std::vector<std::string>& hosts, const std::string& parent) {
  auto& claim = by_secret[secret_key];
  for (const auto& host : hosts) {
    if (!seen_hosts.insert(host).second) continue;
    claim.hosts.push_back(host);
  }
  if (std::find(claim.parents.begin(), claim.parents.end(), parent) == claim.parents.end())
    claim.parents.push_back(parent);
}

}  // namespace kic::translate
