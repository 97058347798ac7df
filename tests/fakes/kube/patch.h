#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kic::kubefake {

// The result of applying a patch: the patched object, or why the patch could not be applied.
struct PatchResult {
  nlohmann::json object;
  std::string error;  // non-empty: the patch failed (the server answers 422)
};

// RFC 7386 (application/merge-patch+json): maps merge, null deletes, lists are replaced.
PatchResult ApplyMergePatch(const nlohmann::json& original, const nlohmann::json& patch);

// RFC 6902 (application/json-patch+json).
PatchResult ApplyJsonPatch(const nlohmann::json& original, const nlohmann::json& patch);

// application/strategic-merge-patch+json for built-in kinds: a merge patch where the few keyed lists
// our kinds have (Service spec.ports by port, ownerReferences by uid, status conditions by type,
// finalizers as a set) merge element-wise, with the directives $patch (delete/replace/merge),
// $retainKeys and $deleteFromPrimitiveList/<field>; $setElementOrder/<field> only orders and is ignored.
PatchResult ApplyStrategicMergePatch(const nlohmann::json& original, const nlohmann::json& patch);

}  // namespace kic::kubefake
