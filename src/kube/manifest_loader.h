#pragma once

#include <string>
#include <vector>

#include "common/problem.h"
#include "kube/store.h"

namespace kic::kube {

struct LoadResult {
  std::vector<Problem> problems;  // documents that could not be read or decoded
  size_t objects = 0;             // objects stored
  size_t skipped = 0;             // documents of kinds the controller does not keep
};

// Thrown when a path given by the user cannot be read at all.
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Loads manifests into `store`: each path is a file or a directory (searched recursively for
// *.yaml, *.yml, *.json, in name order). YAML files may hold many "---" documents; any document
// may be a List. A broken document becomes a Problem; the rest still load.
LoadResult LoadManifests(const std::vector<std::string>& paths, Store& store);

// The same for text already in memory; `source` names it in problems.
void LoadYamlText(std::string_view text, const std::string& source, Store& store, LoadResult& result);
void LoadJsonText(std::string_view text, const std::string& source, Store& store, LoadResult& result);

}  // namespace kic::kube
