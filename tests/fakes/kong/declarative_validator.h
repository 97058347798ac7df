#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kic::testing {

// A Kubernetes object the test marked broken: every Kong entity tagged with it is rejected (KIC's golden
// harness `test.konghq.com/broken` mode).
struct BrokenObject {
  std::string kind;
  std::string namespace_;
  std::string name;
};

struct ValidatorOptions {
  std::string router_flavor = "traditional";
  bool enterprise = false;  // accept consumer_groups & co
  bool flatten_errors = true;
  bool schema_checks = true;  // false: only _format_version and broken objects are checked
  std::vector<BrokenObject> broken_objects;
  // KIC's golden mock: every broken object is reported, even one no entity is tagged with (a Secret read by
  // a plugin). Off for long-running tests, where a broken object may not exist yet.
  bool report_broken_without_entities = false;
};

struct ValidationOutcome {
  bool valid = false;
  nlohmann::json error_body;  // Kong's 400 body when !valid
  nlohmann::json entities;    // when valid: {"services": {"<id>": {...}}, ...} as POST /config echoes them
  size_t entity_count = 0;
};

// Checks a declarative config document the way Kong 3.x does in DB-less mode, in Kong's order: broken objects
// (test-only) first, then the schema pass (unknown/missing/mistyped fields, value ranges, per-entity rules);
// only when that passes, references and uniqueness.
ValidationOutcome ValidateDeclarativeConfig(const nlohmann::json& document, const ValidatorOptions& options);

// Kong's 400 body for an error that is not about one entity (bad document, parse failure).
nlohmann::json DeclarativeErrorBody(const nlohmann::json& fields);

}  // namespace kic::testing
