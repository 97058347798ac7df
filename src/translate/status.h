#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace kic::translate {

// The status the translator computed for one object, as the `status` stanza to write back
// (Gateway API conditions, listener status, route parents, ...). Data only: writing it to the API
// server is the controller's job, printing it is `kic translate --status-out`.
struct StatusUpdate {
  std::string api_version;  // e.g. "gateway.networking.k8s.io/v1"
  std::string kind;
  std::string namespace_;
  std::string name;
  nlohmann::json status = nlohmann::json::object();
};

}  // namespace kic::translate
