#include "resource_catalog.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "common/strings.h"
#include "common/yaml_tree.h"
#include "yaml_json.h"

namespace kic::kubefake {

using nlohmann::json;

namespace {

ResourceType Builtin(std::string group, std::string version, std::string plural, std::string singular,
                     std::string kind, bool namespaced, std::vector<std::string> short_names, bool has_status,
                     bool tracks_generation, std::vector<std::string> categories = {}) {
  ResourceType t;
  t.group = std::move(group);
  t.versions = {std::move(version)};
  t.plural = std::move(plural);
  t.singular = std::move(singular);
  t.kind = std::move(kind);
  t.list_kind = t.kind + "List";
  t.namespaced = namespaced;
  t.short_names = std::move(short_names);
  t.categories = std::move(categories);
  t.has_status = has_status;
  t.tracks_generation = tracks_generation;
  return t;
}

// "v1beta2" -> (stability rank, major, minor): GA 3, beta 2, alpha 1, anything else 0.
std::tuple<int, int, int> VersionRank(const std::string& v) {
  int major = 0, minor = 0;
  char word[16] = {0};
  if (std::sscanf(v.c_str(), "v%d%15[a-z]%d", &major, word, &minor) >= 1) {
    std::string w = word;
    if (w.empty()) return {3, major, 0};
    if (w == "beta") return {2, major, minor};
    if (w == "alpha") return {1, major, minor};
  }
  return {0, 0, 0};
}

std::vector<PrinterColumn> ParseColumns(const json& version) {
  std::vector<PrinterColumn> columns;
  for (const auto& c : version.value("additionalPrinterColumns", json::array())) {
    columns.push_back({c.value("name", ""), c.value("type", "string"), c.value("jsonPath", ""),
                       c.value("description", ""), c.value("priority", 0)});
  }
  return columns;
}

std::vector<std::string> Strings(const json& list) {
  std::vector<std::string> out;
  if (list.is_array()) {
    for (const auto& s : list) {
      if (s.is_string()) out.push_back(s.get<std::string>());
    }
  }
  return out;
}

}  // namespace

bool VersionPrecedes(const std::string& a, const std::string& b) {
  auto ra = VersionRank(a), rb = VersionRank(b);
  if (ra != rb) return ra > rb;
  return a < b;
}

ResourceCatalog ResourceCatalog::WithBuiltins() {
  ResourceCatalog c;
  c.Add(Builtin("", "v1", "namespaces", "namespace", "Namespace", false, {"ns"}, true, false));
  c.Add(Builtin("", "v1", "services", "service", "Service", true, {"svc"}, true, false, {"all"}));
  c.Add(Builtin("", "v1", "secrets", "secret", "Secret", true, {}, false, false));
  c.Add(Builtin("", "v1", "configmaps", "configmap", "ConfigMap", true, {"cm"}, false, false));
  c.Add(Builtin("", "v1", "events", "event", "Event", true, {"ev"}, false, false));
  c.Add(Builtin("", "v1", "pods", "pod", "Pod", true, {"po"}, true, false, {"all"}));
  c.Add(Builtin("", "v1", "endpoints", "endpoints", "Endpoints", true, {"ep"}, false, false));
  c.Add(Builtin("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, {"ing"}, true, true));
  c.Add(Builtin("networking.k8s.io", "v1", "ingressclasses", "ingressclass", "IngressClass", false, {}, false,
                true));
  c.Add(Builtin("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, {}, false,
                true));
  c.Add(Builtin("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, {}, false, false));
  c.Add(Builtin("events.k8s.io", "v1", "events", "event", "Event", true, {"ev"}, false, false));
  // What deploy/ holds besides the kinds above.
  c.Add(Builtin("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, {"sa"}, false, false));
  c.Add(Builtin("apps", "v1", "deployments", "deployment", "Deployment", true, {"deploy"}, true, true,
                {"all"}));
  c.Add(Builtin("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, {},
                false, false));
  c.Add(Builtin("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding",
                "ClusterRoleBinding", false, {}, false, false));
  c.Add(Builtin("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, {}, false, false));
  c.Add(Builtin("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, {},
                false, false));
  return c;
}

void ResourceCatalog::Add(ResourceType type) {
  auto same = [&](const ResourceType& t) { return t.StorageKey() == type.StorageKey(); };
  auto existing = std::find_if(types_.begin(), types_.end(), same);
  if (existing != types_.end()) {
    *existing = std::move(type);  // a later CRD file for the same kind wins
  } else {
    types_.push_back(std::move(type));
  }
}

std::vector<std::string> ResourceCatalog::LoadCrds(const std::string& path) {
  namespace fs = std::filesystem;
  std::vector<std::string> problems;
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      auto ext = entry.path().extension();
      if (ext == ".yaml" || ext == ".yml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
  } else if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else {
    return {path + ": not a file or directory"};
  }
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& doc : kic::yaml::ParseDocuments(text.str())) {
      if (doc.empty) continue;
      if (!doc.error.empty()) {
        problems.push_back(file.string() + ": " + doc.error);
        continue;
      }
      json crd = YamlToJson(doc.root);
      if (!crd.is_object() || crd.value("kind", "") != "CustomResourceDefinition") continue;
      try {
        AddCrd(crd, file.string(), &problems);
      } catch (const json::exception& e) {  // a field of the wrong type: report this CRD, load the others
        problems.push_back(file.string() + ": " + e.what());
      }
    }
  }
  return problems;
}

void ResourceCatalog::AddCrd(const json& crd, const std::string& file, std::vector<std::string>* problems) {
  const json& spec = crd.value("spec", json::object());
  const json& names = spec.value("names", json::object());
  ResourceType t;
  t.group = spec.value("group", "");
  t.plural = names.value("plural", "");
  t.kind = names.value("kind", "");
  t.singular = names.value("singular", kic::ToLower(t.kind));
  t.list_kind = names.value("listKind", t.kind + "List");
  t.short_names = Strings(names.value("shortNames", json::array()));
  t.categories = Strings(names.value("categories", json::array()));
  t.namespaced = spec.value("scope", "Namespaced") == "Namespaced";
  t.tracks_generation = true;
  t.is_custom = true;
  for (const auto& v : spec.value("versions", json::array())) {
    if (!v.value("served", false)) continue;
    std::string name = v.value("name", "");
    t.versions.push_back(name);
    t.printer_columns[name] = ParseColumns(v);
    if (v.contains("subresources") && v["subresources"].contains("status")) t.has_status = true;
  }
  if (t.group.empty() || t.plural.empty() || t.kind.empty() || t.versions.empty()) {
    problems->push_back(file + ": CRD " + crd.value(json::json_pointer("/metadata/name"), "?") +
                        " lacks group, names or served versions");
    return;
  }
  std::sort(t.versions.begin(), t.versions.end(), VersionPrecedes);
  Add(std::move(t));
}

const ResourceType* ResourceCatalog::Find(const std::string& group, const std::string& version,
                                          const std::string& plural) const {
  for (const auto& t : types_) {
    if (t.group == group && t.plural == plural &&
        std::find(t.versions.begin(), t.versions.end(), version) != t.versions.end()) {
      return &t;
    }
  }
  return nullptr;
}

const ResourceType* ResourceCatalog::FindByStorageKey(const std::string& key) const {
  for (const auto& t : types_) {
    if (t.StorageKey() == key) return &t;
  }
  return nullptr;
}

std::vector<const ResourceType*> ResourceCatalog::InGroupVersion(const std::string& group,
                                                                 const std::string& version) const {
  std::vector<const ResourceType*> out;
  for (const auto& t : types_) {
    if (t.group == group && std::find(t.versions.begin(), t.versions.end(), version) != t.versions.end()) {
      out.push_back(&t);
    }
  }
  return out;
}

std::vector<ApiGroupInfo> ResourceCatalog::Groups() const {
  std::vector<ApiGroupInfo> groups;
  for (const auto& t : types_) {
    auto g =
        std::find_if(groups.begin(), groups.end(), [&](const ApiGroupInfo& x) { return x.name == t.group; });
    if (g == groups.end()) {
      groups.push_back({t.group, {}});
      g = std::prev(groups.end());
    }
    for (const auto& v : t.versions) {
      if (std::find(g->versions.begin(), g->versions.end(), v) == g->versions.end()) g->versions.push_back(v);
    }
  }
  for (auto& g : groups) std::sort(g.versions.begin(), g.versions.end(), VersionPrecedes);
  std::stable_partition(groups.begin(), groups.end(), [](const ApiGroupInfo& g) { return g.name.empty(); });
  return groups;
}

}  // namespace kic::kubefake
