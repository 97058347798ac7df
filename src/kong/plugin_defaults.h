#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kong/config.h"

namespace kic::kong {

// A plugin's schema as Kong's GET /schemas/plugins/NAME returns it, or nullopt when unknown.
using PluginSchemaLookup = std::function<std::optional<nlohmann::json>(const std::string& plugin_name)>;

// What KIC's deckgen does before a push when Kong answers the schema: every config field the user
// left out gets the schema's default (records are filled recursively; a field without a default is
// set to null), `enabled` defaults to true and an empty `protocols` to the schema's default (else
// http, https). Plugins whose schema is unknown are left as they are. Applies to top-level,
// service, route, consumer and consumer-group plugins.
void FillPluginDefaults(Config& config, const PluginSchemaLookup& schemas);

// The same for one plugin config against the schema's "config" record.
nlohmann::json FillRecordDefaults(const nlohmann::json& record_schema, const nlohmann::json& config);

}  // namespace kic::kong
