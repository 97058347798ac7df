#pragma once

#include <string>
#include <string_view>

#include "kong/config.h"

namespace kic::translate {

// KIC's FillIDs: every service, route, consumer (with a username) and plugin gets a UUIDv5 made
// from its name, so IDs are stable across restarts and identical to KIC's for the same cluster.
// Entities that already carry an ID keep it.
void FillIds(kong::Config& config, std::string_view workspace);

// The ID for one entity: uuid5(uuid5(kKongNamespace, entity_plural), [workspace "/"] key).
std::string EntityId(std::string_view entity_plural, std::string_view key, std::string_view workspace);

}  // namespace kic::translate
