#include "patch.h"

#include <algorithm>
#include <string_view>

namespace kic::kubefake {

using nlohmann::json;

namespace {

// Merge keys of the lists that strategic merge patch merges element-wise, by dotted field path.
struct ListStrategy {
  std::string_view path;
  std::string_view merge_key;  // "" = a set of primitive values
};
constexpr ListStrategy kKeyedLists[] = {
    {"spec.ports", "port"},      {"metadata.ownerReferences", "uid"}, {"status.conditions", "type"},
    {"metadata.finalizers", ""}, {"spec.containers", "name"},
};

const ListStrategy* FindListStrategy(const std::string& path) {
  for (const auto& s : kKeyedLists) {
    if (s.path == path) return &s;
  }
  return nullptr;
}

bool IsDirective(const std::string& key) {
  return !key.empty() && key.front() == '$';
}

json StripDirectives(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : value.items()) {
      if (!IsDirective(k)) out[k] = StripDirectives(v);
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& v : value) {
      if (v.is_object() && v.contains("$patch")) continue;
      out.push_back(StripDirectives(v));
    }
    return out;
  }
  return value;
}

json MergeMap(const json& original, const json& patch, const std::string& path);

json MergeList(const json& original, const json& patch, const std::string& path) {
  const ListStrategy* strategy = FindListStrategy(path);
  bool replace = std::any_of(patch.begin(), patch.end(), [](const json& e) {
    return e.is_object() && e.value("$patch", "") == "replace";
  });
  if (strategy == nullptr || replace || !original.is_array()) return StripDirectives(patch);

  json result = original;
  if (strategy->merge_key.empty()) {  // a set of strings: union, keeping order
    for (const auto& e : patch) {
      if (std::find(result.begin(), result.end(), e) == result.end()) result.push_back(e);
    }
    return result;
  }
  std::string key(strategy->merge_key);
  for (const auto& element : patch) {
    if (!element.is_object() || !element.contains(key)) {
      result.push_back(StripDirectives(element));
      continue;
    }
    auto existing = std::find_if(result.begin(), result.end(), [&](const json& e) {
      return e.is_object() && e.contains(key) && e[key] == element[key];
    });
    if (element.value("$patch", "") == "delete") {
      if (existing != result.end()) result.erase(existing);
    } else if (existing != result.end()) {
      *existing = MergeMap(*existing, element, path + "[]");
    } else {
      result.push_back(StripDirectives(element));
    }
  }
  return result;
}

json MergeMap(const json& original, const json& patch, const std::string& path) {
  if (!patch.is_object()) return patch;
  if (patch.value("$patch", "") == "replace") return StripDirectives(patch);
  json result = original.is_object() ? original : json::object();
  if (patch.contains("$retainKeys") && patch["$retainKeys"].is_array()) {
    const json& keep = patch["$retainKeys"];
    for (auto it = result.begin(); it != result.end();) {
      if (std::find(keep.begin(), keep.end(), it.key()) == keep.end()) {
        it = result.erase(it);
      } else {
        ++it;
      }
    }
  }
  const std::string prefix = path.empty() ? "" : path + ".";
  for (const auto& [key, value] : patch.items()) {
    constexpr std::string_view kDeleteFrom = "$deleteFromPrimitiveList/";
    if (key.rfind(kDeleteFrom, 0) == 0) {
      std::string field = key.substr(kDeleteFrom.size());
      if (result.contains(field) && result[field].is_array() && value.is_array()) {
        json kept = json::array();
        for (const auto& e : result[field]) {
          if (std::find(value.begin(), value.end(), e) == value.end()) kept.push_back(e);
        }
        result[field] = kept;
      }
      continue;
    }
    if (IsDirective(key)) continue;  // $patch, $retainKeys, $setElementOrder/...
    if (value.is_null()) {
      result.erase(key);
    } else if (value.is_object()) {
      if (value.value("$patch", "") == "delete") {
        result.erase(key);
      } else {
        result[key] = MergeMap(result.contains(key) ? result[key] : json(), value, prefix + key);
      }
    } else if (value.is_array()) {
      result[key] = MergeList(result.contains(key) ? result[key] : json(), value, prefix + key);
    } else {
      result[key] = value;
    }
  }
  return result;
}

}  // namespace

PatchResult ApplyMergePatch(const json& original, const json& patch) {
  if (!patch.is_object()) return {json(), "merge patch must be a JSON object"};
  json result = original;
  result.merge_patch(patch);
  return {result, ""};
}

PatchResult ApplyJsonPatch(const json& original, const json& patch) {
  if (!patch.is_array()) return {json(), "json patch must be a JSON array of operations"};
  try {
    return {original.patch(patch), ""};
  } catch (const json::exception& e) {
    return {json(), e.what()};
  }
}

PatchResult ApplyStrategicMergePatch(const json& original, const json& patch) {
  if (!patch.is_object()) return {json(), "strategic merge patch must be a JSON object"};
  return {MergeMap(original, patch, ""), ""};
}

}  // namespace kic::kubefake
