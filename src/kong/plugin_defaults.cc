#include "kong/plugin_defaults.h"

namespace kic::kong {
namespace {

// Kong schemas list fields as [{"name": {type, default, fields, ...}}, ...].
template <class F>
void ForEachField(const nlohmann::json& record_schema, F&& f) {
  if (!record_schema.contains("fields") || !record_schema["fields"].is_array()) return;
  for (const auto& entry : record_schema["fields"]) {
    if (!entry.is_object() || entry.size() != 1) continue;
    const auto it = entry.begin();
    f(it.key(), it.value());
  }
}

const nlohmann::json* FieldSchema(const nlohmann::json& schema, const std::string& name) {
  const nlohmann::json* found = nullptr;
  ForEachField(schema, [&](const std::string& key, const nlohmann::json& field) {
    if (key == name) found = &field;
  });
  return found;
}

void FillPlugin(Plugin& plugin, const PluginSchemaLookup& schemas) {
  const auto schema = schemas(plugin.name);
  if (!schema) return;
  if (const auto* config_schema = FieldSchema(*schema, "config"))
    plugin.config = FillRecordDefaults(*config_schema,
                                       plugin.config.is_null() ? nlohmann::json::object() : plugin.config);
  if (!plugin.enabled) plugin.enabled = true;
  if (!plugin.protocols || plugin.protocols->empty()) {
    std::vector<std::string> protocols;
    if (const auto* p = FieldSchema(*schema, "protocols");
        p && p->contains("default") && (*p)["default"].is_array())
      for (const auto& v : (*p)["default"])
        if (v.is_string()) protocols.push_back(v.get<std::string>());
    if (protocols.empty()) protocols = {"http", "https"};
    plugin.protocols = std::move(protocols);
  }
}

}  // namespace

nlohmann::json FillRecordDefaults(const nlohmann::json& record_schema, const nlohmann::json& config) {
  nlohmann::json out = config.is_object() ? config : nlohmann::json::object();
  ForEachField(record_schema, [&](const std::string& name, const nlohmann::json& field) {
    const bool is_record = field.value("type", "") == "record";
    if (out.contains(name) && !out[name].is_null()) {
      if (is_record && out[name].is_object()) out[name] = FillRecordDefaults(field, out[name]);
      return;
    }
    if (field.contains("default")) {
      out[name] = field["default"];
      if (is_record && out[name].is_object()) out[name] = FillRecordDefaults(field, out[name]);
    } else if (is_record) {
      out[name] = FillRecordDefaults(field, nlohmann::json::object());
    } else {
      out[name] = nullptr;
    }
  });
  return out;
}

void FillPluginDefaults(Config& config, const PluginSchemaLookup& schemas) {
  for (auto& p : config.plugins) FillPlugin(p, schemas);
  for (auto& svc : config.services) {
    for (auto& p : svc.plugins) FillPlugin(p, schemas);
    for (auto& r : svc.routes)
      for (auto& p : r.plugins) FillPlugin(p, schemas);
  }
  for (auto& c : config.consumers)
    for (auto& p : c.plugins) FillPlugin(p, schemas);
  for (auto& g : config.consumer_groups)
    for (auto& p : g.plugins) FillPlugin(p, schemas);
}

}  // namespace kic::kong
