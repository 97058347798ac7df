#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "resource_type.h"

namespace kic::kubefake {

// An API group with the versions any of its kinds serve, preferred first.
struct ApiGroupInfo {
  std::string name;
  std::vector<std::string> versions;
};

// Every kind the server knows: the built-in ones and those loaded from CRD files.
class ResourceCatalog {
 public:
  static ResourceCatalog WithBuiltins();

  // Loads every CustomResourceDefinition in the *.yaml/*.yml files of `dir` (or one file).
  // Returns the problems found; documents that are not CRDs are skipped.
  std::vector<std::string> LoadCrds(const std::string& path);

  const ResourceType* Find(const std::string& group, const std::string& version,
                           const std::string& plural) const;
  const ResourceType* FindByStorageKey(const std::string& key) const;
  std::vector<const ResourceType*> InGroupVersion(const std::string& group, const std::string& version) const;
  std::vector<ApiGroupInfo> Groups() const;  // core group ("") first, then in the order kinds were added

 private:
  void Add(ResourceType type);
  void AddCrd(const nlohmann::json& crd, const std::string& file, std::vector<std::string>* problems);
  std::vector<ResourceType> types_;
};

// Kubernetes version priority: GA before beta before alpha, higher numbers first (v2 > v1 > v1beta2).
bool VersionPrecedes(const std::string& a, const std::string& b);

}  // namespace kic::kubefake
