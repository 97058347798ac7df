#pragma once

// Reading deploy/ for the tests, and running `kic run`'s flag parser on an environment.

#include <map>
#include <string>
#include <vector>

#include "common/yaml_tree.h"
#include "controller/flags.h"

namespace kic::deploy_test {

struct Manifest {
  std::string file;  // relative to the source tree, for messages
  kic::yaml::Node root;
};

// Every document of every deploy/*.yaml (and *.yml), files in name order. Syntax errors are
// returned in `errors` ("file: message").
std::vector<Manifest> LoadDeployManifests(std::vector<std::string>& errors);

// The scalar at a dotted path ("metadata.name"), or "" when absent.
std::string Text(const kic::yaml::Node& node, const std::string& dotted);
// The node at a dotted path, or nullptr.
const kic::yaml::Node* At(const kic::yaml::Node& node, const std::string& dotted);
// The scalars of a sequence at a dotted path.
std::vector<std::string> Texts(const kic::yaml::Node& node, const std::string& dotted);

// `kic run` with no arguments and exactly `env` added to the environment (removed again after).
struct EnvParse {
  bool parsed = false;
  std::string parse_error;
  controller::Flags flags;
  controller::Validation validation;
  // Names in `env` that start with CONTROLLER_ but name no flag: CLI11 would silently ignore them.
  std::vector<std::string> unknown;
};
EnvParse ParseRunEnvironment(const std::map<std::string, std::string>& env);

}  // namespace kic::deploy_test
