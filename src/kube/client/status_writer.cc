#include "kube/client/status_writer.h"

#include "kube/client/access_rules.h"

namespace kic::kube::client {

WriteResult PatchStatus(ApiClient& api, const ResourceInfo& resource, const std::string& ns,
                        const std::string& name, const StatusPatchBuilder& build, int max_attempts) {
  WriteResult result;
  const std::string what = resource.kind + " " + (ns.empty() ? "" : ns + "/") + name;
  if (!WritesStatusOf(resource.kind)) {  // deploy/'s RBAC grants only the kinds listed there
    result.error =
        "status of " + what + ": " + resource.kind + " is not in StatusWrittenKinds() (access_rules.cc)";
    return result;
  }
  while (result.attempts < max_attempts) {
    ++result.attempts;
    ApiResponse current = api.Get(resource.ObjectPath(ns, name));
    if (!current.ok()) {
      result.not_found = current.status == 404;
      result.error = "status of " + what + ": read: " + current.Describe();
      return result;
    }
    auto object = nlohmann::json::parse(current.body, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object()) {
      result.error = "status of " + what + ": read: the answer is not a JSON object";
      return result;
    }
    std::optional<nlohmann::json> patch;
    try {
      patch = build(object);
    } catch (const std::exception& e) {  // a builder tripping over an odd object fails this write only
      result.error = "status of " + what + ": " + e.what();
      return result;
    }
    if (!patch) {
      result.ok = true;
      return result;
    }
    (*patch)["metadata"]["resourceVersion"] = object["metadata"].value("resourceVersion", "");
    ApiResponse written = api.Patch(resource.ObjectPath(ns, name, "status"), patch->dump(), kMergePatch);
    if (written.ok()) {
      result.ok = true;
      result.changed = true;
      result.error.clear();
      return result;
    }
    result.error = "status of " + what + ": patch: " + written.Describe();
    if (written.status != 409) return result;
  }
  return result;
}

WriteResult SetIngressLoadBalancer(ApiClient& api, const std::string& ns, const std::string& name,
                                   const std::vector<LoadBalancerIngress>& addresses) {
  nlohmann::json wanted = nlohmann::json::array();
  for (const auto& a : addresses) {
    nlohmann::json entry = nlohmann::json::object();
    if (!a.ip.empty()) entry["ip"] = a.ip;
    if (!a.hostname.empty()) entry["hostname"] = a.hostname;
    wanted.push_back(entry);
  }
  return PatchStatus(api, *FindResource("Ingress"), ns, name,
                     [&](const nlohmann::json& current) -> std::optional<nlohmann::json> {
                       const auto pointer = nlohmann::json::json_pointer("/status/loadBalancer/ingress");
                       const nlohmann::json have =
                           current.contains(pointer) ? current.at(pointer) : nlohmann::json::array();
                       if (have == wanted) return std::nullopt;
                       return nlohmann::json{{"status", {{"loadBalancer", {{"ingress", wanted}}}}}};
                     });
}

}  // namespace kic::kube::client
