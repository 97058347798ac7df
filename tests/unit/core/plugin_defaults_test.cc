#include "kong/plugin_defaults.h"

#include <gtest/gtest.h>

namespace kic::kong {
namespace {

// A cut-down rate-limiting schema in the shape GET /schemas/plugins/NAME answers.
const nlohmann::json kSchema = nlohmann::json::parse(R"({
  "fields": [
    {"protocols": {"type": "set", "default": ["grpc", "grpcs", "http", "https"]}},
    {"config": {"type": "record", "fields": [
      {"minute": {"type": "number"}},
      {"policy": {"type": "string", "default": "local"}},
      {"redis": {"type": "record", "fields": [
        {"host": {"type": "string"}},
        {"port": {"type": "integer", "default": 6379}}]}},
      {"fault_tolerant": {"type": "boolean", "default": true}}]}}]})");

TEST(PluginDefaults, FillsWhatTheUserLeftOut) {
  const auto filled =
      FillRecordDefaults(kSchema["fields"][1]["config"], {{"minute", 5}, {"policy", "redis"}});
  EXPECT_EQ(filled["minute"], 5);
  EXPECT_EQ(filled["policy"], "redis");  // the user's value stays
  EXPECT_TRUE(filled["redis"]["host"].is_null());
  EXPECT_EQ(filled["redis"]["port"], 6379);
  EXPECT_EQ(filled["fault_tolerant"], true);
}

TEST(PluginDefaults, FillsNestedRecordsTheUserStarted) {
  const auto filled = FillRecordDefaults(kSchema["fields"][1]["config"], {{"redis", {{"host", "cache"}}}});
  EXPECT_EQ(filled["redis"]["host"], "cache");
  EXPECT_EQ(filled["redis"]["port"], 6379);
}

TEST(PluginDefaults, PluginLevelDefaultsAndUnknownSchemas) {
  Config config;
  Plugin known;
  known.name = "rate-limiting";
  known.config = {{"minute", 5}};
  config.plugins.push_back(known);
  Plugin unknown;
  unknown.name = "custom";
  config.services.emplace_back().routes.emplace_back().plugins.push_back(unknown);
  FillPluginDefaults(config, [](const std::string& name) -> std::optional<nlohmann::json> {
    if (name == "rate-limiting") return kSchema;
    return std::nullopt;
  });
  const auto& p = config.plugins[0];
  EXPECT_EQ(p.enabled, true);
  EXPECT_EQ(p.protocols.value(), (std::vector<std::string>{"grpc", "grpcs", "http", "https"}));
  EXPECT_EQ(p.config["policy"], "local");
  const auto& untouched = config.services[0].routes[0].plugins[0];
  EXPECT_FALSE(untouched.enabled.has_value());
  EXPECT_FALSE(untouched.protocols.has_value());
}

}  // namespace
}  // namespace kic::kong
