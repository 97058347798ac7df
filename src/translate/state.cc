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

kong::Service DefaultKongService(std::string name, std::string host, std::string protocol, bool with_path) {
  constexpr int64_t kDefaultTimeoutMs = 60000;
  constexpr int64_t kDefaultRetries = 5;
  kong::Service s;
  s.name = std::move(name);
  s.host = std::move(host);
  s.protocol = std::move(protocol);
  s.port = 80;
  if (with_path) s.path = "/";
  s.connect_timeout = kDefaultTimeoutMs;
  s.read_timeout = kDefaultTimeoutMs;
  s.write_timeout = kDefaultTimeoutMs;
  s.retries = kDefaultRetries;
  return s;
}

void TlsClaims::Add(const std::string& secret_key, const std::vector<std::string>& hosts,
                    const std::string& parent) {
  auto& claim = by_secret[secret_key];
  for (const auto& host : hosts) {
    if (!seen_hosts.insert(host).second) continue;
    claim.hosts.push_back(host);
  }
  if (std::find(claim.parents.begin(), claim.parents.end(), parent) == claim.parents.end())
    claim.parents.push_back(parent);
}

}  // namespace kic::translate
