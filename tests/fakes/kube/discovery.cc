#include "discovery.h"

#include "common/strings.h"

namespace kic::kubefake {

using nlohmann::json;

namespace {

// Documents never change while the server runs, so one hash keeps kubectl's cache correct.
constexpr const char* kOpenApiHash = "kubefake1";

const json kVerbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};

std::string GroupVersion(const std::string& group, const std::string& version) {
  return group.empty() ? version : group + "/" + version;
}

json GroupObject(const ApiGroupInfo& g) {
  json versions = json::array();
  for (const auto& v : g.versions) versions.push_back({{"groupVersion", g.name + "/" + v}, {"version", v}});
  return {{"name", g.name},
          {"versions", versions},
          {"preferredVersion",
           {{"groupVersion", g.name + "/" + g.versions.front()}, {"version", g.versions.front()}}}};
}

}  // namespace

Discovery::Discovery(const ResourceCatalog& catalog, std::string server_address)
    : catalog_(catalog), server_address_(std::move(server_address)) {}

std::optional<json> Discovery::Lookup(const std::string& path) const {
  if (path == "/version" || path == "/version/") return Version();
  if (path == "/api" || path == "/api/") return CoreVersions();
  if (path == "/apis" || path == "/apis/") return GroupList();
  if (path == "/openapi/v3" || path == "/openapi/v3/") return OpenApiIndex();
  std::vector<std::string> parts = Split(TrimChars(path, "/"), "/");
  if (parts.size() == 2 && parts[0] == "api") return ResourceList("", parts[1]);
  if (parts.size() == 2 && parts[0] == "apis") return Group(parts[1]);
  if (parts.size() == 3 && parts[0] == "apis") return ResourceList(parts[1], parts[2]);
  if (parts.size() == 4 && parts[0] == "openapi" && parts[1] == "v3" && parts[2] == "api") {
    return OpenApiDocument("", parts[3]);
  }
  if (parts.size() == 5 && parts[0] == "openapi" && parts[1] == "v3" && parts[2] == "apis") {
    return OpenApiDocument(parts[3], parts[4]);
  }
  return std::nullopt;
}

json Discovery::Version() const {
  // minor "32": the dispatcher kubectl installed here runs its bundled v1.32 for this server.
  return {{"major", "1"},           {"minor", "32"},           {"gitVersion", "v1.32.0-kubefake"},
          {"gitCommit", "0000000"}, {"gitTreeState", "clean"}, {"buildDate", "2025-01-01T00:00:00Z"},
          {"goVersion", "go1.23"},  {"compiler", "gc"},        {"platform", "linux/amd64"}};
}

json Discovery::CoreVersions() const {
  return {
      {"kind", "APIVersions"},
      {"versions", {"v1"}},
      {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", server_address_}}}}};
}

json Discovery::GroupList() const {
  json groups = json::array();
  for (const auto& g : catalog_.Groups()) {
    if (!g.name.empty()) groups.push_back(GroupObject(g));
  }
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

std::optional<json> Discovery::Group(const std::string& name) const {
  for (const auto& g : catalog_.Groups()) {
    if (g.name == name && !name.empty()) {
      json out = GroupObject(g);
      out["kind"] = "APIGroup";
      out["apiVersion"] = "v1";
      return out;
    }
  }
  return std::nullopt;
}

std::optional<json> Discovery::ResourceList(const std::string& group, const std::string& version) const {
  auto types = catalog_.InGroupVersion(group, version);
  if (types.empty()) return std::nullopt;
  json resources = json::array();
  for (const ResourceType* t : types) {
    json r = {{"name", t->plural},
              {"singularName", t->singular},
              {"namespaced", t->namespaced},
              {"kind", t->kind},
              {"verbs", kVerbs}};
    if (!t->short_names.empty()) r["shortNames"] = t->short_names;
    if (!t->categories.empty()) r["categories"] = t->categories;
    resources.push_back(r);
    if (t->has_status) {
      resources.push_back({{"name", t->plural + "/status"},
                           {"singularName", ""},
                           {"namespaced", t->namespaced},
                           {"kind", t->kind},
                           {"verbs", {"get", "patch", "update"}}});
    }
  }
  return json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", GroupVersion(group, version)},
              {"resources", resources}};
}

json Discovery::OpenApiIndex() const {
  json paths = json::object();
  for (const auto& g : catalog_.Groups()) {
    for (const auto& v : g.versions) {
      std::string key = g.name.empty() ? "api/" + v : "apis/" + g.name + "/" + v;
      paths[key] = {{"serverRelativeURL", "/openapi/v3/" + key + "?hash=" + kOpenApiHash}};
    }
  }
  return {{"paths", paths}};
}

std::optional<json> Discovery::OpenApiDocument(const std::string& group, const std::string& version) const {
  auto types = catalog_.InGroupVersion(group, version);
  if (types.empty()) return std::nullopt;
  std::string prefix = group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
  json paths = json::object();
  for (const ResourceType* t : types) {
    std::string path = prefix + (t->namespaced ? "/namespaces/{namespace}/" : "/") + t->plural + "/{name}";
    // Only what kubectl's query-param verifier looks for: a patch operation with the kind and a
    // fieldValidation parameter. No requestBody, so client-side apply uses its built-in knowledge.
    paths[path] = {
        {"patch",
         {{"x-kubernetes-action", "patch"},
          {"x-kubernetes-group-version-kind", {{"group", group}, {"version", version}, {"kind", t->kind}}},
          {"parameters", {{{"name", "fieldValidation"}, {"in", "query"}, {"schema", {{"type", "string"}}}}}},
          {"responses", json::object()}}}};
  }
  return json{{"openapi", "3.0.0"},
              {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
              {"paths", paths},
              {"components", {{"schemas", json::object()}}}};
}

}  // namespace kic::kubefake
