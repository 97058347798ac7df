#pragma once

#include <simdjson.h>

#include <optional>
#include <string>

#include "common/problem.h"
#include "kube/client/resources.h"
#include "kube/decode.h"

namespace kic::kube::client {

// One object from a LIST page or a watch event, decoded. Exactly one of `object` and `problem`
// is set, or neither when the kind is not one we keep.
struct DecodedObject {
  std::optional<Object> object;
  std::optional<Problem> problem;
  std::string namespace_;
  std::string name;
  std::string resource_version;
};

// Decodes `item` as a `resource` object. Items of built-in lists carry no kind/apiVersion, so
// they are taken from `resource` when absent (re-parsing with `scratch`). Never throws.
DecodedObject DecodeApiObject(simdjson::dom::element item, const ResourceInfo& resource,
                              simdjson::dom::parser& scratch);

}  // namespace kic::kube::client
