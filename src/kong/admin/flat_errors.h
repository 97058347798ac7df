#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.h"
#include "kong/tags.h"

namespace kic::kong::admin {

// One item of `flattened_errors[].errors` in Kong's 400 answer to POST /config?flatten_errors=1.
struct FlatFieldError {
  std::string type;  // "field" or "entity"
  std::string field;
  std::string message;
  std::vector<std::string> messages;
  bool operator==(const FlatFieldError&) const = default;
};

// One rejected entity.
struct FlatEntityError {
  std::string entity_type;  // singular: "service", "route", "plugin", ...
  std::string entity_name;
  std::string entity_id;
  std::vector<std::string> entity_tags;
  std::vector<FlatFieldError> errors;
};

// Kong's 400 body: {"code":14, "name":..., "message":..., "fields":{...}, "flattened_errors":[...]}.
struct KongConfigError {
  int code = 0;
  std::string name;
  std::string message;
  std::vector<FlatEntityError> entities;
};

// nullopt when `body` is not a JSON object (KIC: "failed to parse Kong error response").
std::optional<KongConfigError> ParseKongConfigError(std::string_view body);

// The Kubernetes object a Kong entity came from, read back from the tags the translator attached
// (k8s-name, k8s-namespace, k8s-kind, k8s-uid, k8s-group, k8s-version).
struct ObjectIdentity {
  std::string kind;
  std::string namespace_;
  std::string name;
  std::string uid;
  std::string group;
  std::string version;

  bool operator==(const ObjectIdentity&) const = default;
  // "networking.k8s.io/v1", or "v1" for the core group.
  std::string ApiVersion() const;
  // KIC emits an Event only when name, kind, uid and (except cluster-scoped kinds) namespace are known.
  bool CanReceiveEvent() const;
  // "Kind namespace/name" (the kic::Problem object form).
  std::string ToString() const;
};

// The object an entity was made from, read from its k8s-* tags (as Kong reports them, or as made).
ObjectIdentity IdentityFromTags(const Tags& tags);

// One problem Kong found in one entity, attributed to a Kubernetes object. `source` is KIC's key: the field
// ("paths[0]", "protocols"), "<entity_type>:<entity_name>" for entity-level errors, "<field>[i]" for
// `messages[i]`.
struct EntityProblem {
  ObjectIdentity object;
  std::string entity_type;
  std::string entity_name;
  std::string source;
  std::string message;

  // KIC's Warning Event text (reason KongConfigurationApplyFailed): "invalid <source>: <message>".
  std::string EventMessage() const { return "invalid " + source + ": " + message; }
  kic::Problem ToProblem() const { return kic::Problem{object.ToString(), source, message}; }
};

// KIC's parseFlatEntityErrors rules: an item with both message and messages is ignored; a field message gives
// source <field>; an entity message gives <entity_type>:<entity_name>; each non-empty messages[i] gives
// <field>[i]. Entities whose tags identify no object still yield problems (object left empty): callers
// decide.
std::vector<EntityProblem> ProblemsFromFlatErrors(const std::vector<FlatEntityError>& entities);

}  // namespace kic::kong::admin
