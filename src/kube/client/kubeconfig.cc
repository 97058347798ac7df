#include "kube/client/kubeconfig.h"

#include <cstdlib>
#include <filesystem>

#include "common/files.h"
#include "common/strings.h"
#include "common/yaml_tree.h"

namespace kic::kube::client {
namespace {

namespace fs = std::filesystem;

ConfigResult Fail(std::string message) {
  return {std::nullopt, std::move(message)};
}

// A named entry of clusters/users/contexts: finds `name` and returns its inner map (`field`).
const yaml::Node* FindNamed(const yaml::Node& root, std::string_view list, std::string_view name,
                            std::string_view field) {
  const yaml::Node* items = root.Find(list);
  if (!items || items->kind != yaml::Node::Kind::kSeq) return nullptr;
  for (const auto& item : items->items) {
    const yaml::Node* n = item.Find("name");
    if (n && n->kind == yaml::Node::Kind::kScalar && n->text == name) {
      const yaml::Node* inner = item.Find(field);
      static const yaml::Node kEmpty{yaml::Node::Kind::kMap, "", false, 0, {}, {}};
      return inner ? inner : &kEmpty;
    }
  }
  return nullptr;
}

std::string Scalar(const yaml::Node& map, std::string_view key) {
  const yaml::Node* n = map.Find(key);
  if (!n || n->kind != yaml::Node::Kind::kScalar || n->IsNull()) return "";
  return n->text;
}

// Reads one piece of PEM (or token) material given either inline as base64 (`data_key`) or as a
// file (`file_key`, relative to the kubeconfig's directory). Sets `error` and returns false on failure.
struct MaterialReader {
  const std::string& where;  // "kubeconfig /p: users[alice].user"
  const fs::path& base_dir;
  std::string error;

  bool Read(const yaml::Node& map, std::string_view data_key, std::string_view file_key, std::string& out) {
    if (std::string data = Scalar(map, data_key); !data.empty()) {
      auto decoded = Base64Decode(data);
      if (!decoded) {
        error = where + "." + std::string(data_key) + ": not valid base64";
        return false;
      }
      out = std::move(*decoded);
      return true;
    }
    if (std::string file = Scalar(map, file_key); !file.empty()) {
      fs::path p(file);
      if (p.is_relative()) p = base_dir / p;
      auto content = ReadWholeFile(p.string());
      if (!content) {
        error = where + "." + std::string(file_key) + ": cannot read file " + p.string();
        return false;
      }
      out = std::move(*content);
    }
    return true;
  }
};

}  // namespace

ConfigResult ParseKubeconfig(std::string_view text, const std::string& path,
                             const std::string& context_override) {
  const std::string file = "kubeconfig " + path;
  auto docs = yaml::ParseDocuments(text);
  const yaml::Document* doc = nullptr;
  for (const auto& d : docs) {
    if (!d.error.empty()) return Fail(file + ": " + d.error);
    if (!d.empty) {
      doc = &d;
      break;
    }
  }
  if (!doc || doc->root.kind != yaml::Node::Kind::kMap)
    return Fail(file + ": not a kubeconfig (expected a map)");
  const yaml::Node& root = doc->root;

  std::string context_name = context_override.empty() ? Scalar(root, "current-context") : context_override;
  if (context_name.empty()) return Fail(file + ": current-context: not set");
  const yaml::Node* context = FindNamed(root, "contexts", context_name, "context");
  if (!context) return Fail(file + ": contexts: context \"" + context_name + "\" not found");

  std::string cluster_name = Scalar(*context, "cluster");
  if (cluster_name.empty()) return Fail(file + ": contexts[" + context_name + "].context.cluster: not set");
  const yaml::Node* cluster = FindNamed(root, "clusters", cluster_name, "cluster");
  if (!cluster) return Fail(file + ": clusters: cluster \"" + cluster_name + "\" not found");

  ConnectionConfig config;
  config.source = file + " (context " + context_name + ")";
  config.namespace_ = Scalar(*context, "namespace");
  const fs::path base_dir = fs::path(path).parent_path();

  const std::string cluster_where = file + ": clusters[" + cluster_name + "].cluster";
  config.server = Scalar(*cluster, "server");
  if (config.server.empty()) return Fail(cluster_where + ".server: not set");
  config.tls_server_name = Scalar(*cluster, "tls-server-name");
  if (std::string insecure = Scalar(*cluster, "insecure-skip-tls-verify"); !insecure.empty()) {
    auto value = ParseGoBool(insecure);
    if (!value) return Fail(cluster_where + ".insecure-skip-tls-verify: expected true or false");
    config.insecure_skip_tls_verify = *value;
  }
  MaterialReader cluster_reader{cluster_where, base_dir, ""};
  if (!cluster_reader.Read(*cluster, "certificate-authority-data", "certificate-authority", config.ca_pem))
    return Fail(cluster_reader.error);

  std::string user_name = Scalar(*context, "user");
  if (!user_name.empty()) {
    const yaml::Node* user = FindNamed(root, "users", user_name, "user");
    if (!user) return Fail(file + ": users: user \"" + user_name + "\" not found");
    const std::string user_where = file + ": users[" + user_name + "].user";
    config.token = Scalar(*user, "token");
    if (std::string token_file = Scalar(*user, "tokenFile"); !token_file.empty()) {
      fs::path p(token_file);
      if (p.is_relative()) p = base_dir / p;
      if (!fs::exists(p)) return Fail(user_where + ".tokenFile: file not found: " + p.string());
      config.token_file = p.string();
    }
    MaterialReader user_reader{user_where, base_dir, ""};
    if (!user_reader.Read(*user, "client-certificate-data", "client-certificate", config.client_cert_pem) ||
        !user_reader.Read(*user, "client-key-data", "client-key", config.client_key_pem))
      return Fail(user_reader.error);
    if (config.client_cert_pem.empty() != config.client_key_pem.empty())
      return Fail(user_where + ": client-certificate and client-key must be given together");
    if (user->Find("exec")) return Fail(user_where + ".exec: exec credential plugins are not supported");
  }
  return {std::move(config), ""};
}

ConfigResult InClusterConfig(const std::string& host, const std::string& port, const std::string& dir) {
  ConnectionConfig config;
  config.source = "in-cluster";
  const bool ipv6 = host.find(':') != std::string::npos;
  config.server = "https://" + (ipv6 ? "[" + host + "]" : host) + ":" + port;
  const std::string token_path = (fs::path(dir) / "token").string();
  if (!fs::exists(token_path))
    return Fail("in-cluster config: service account token not found: " + token_path);
  config.token_file = token_path;
  const std::string ca_path = (fs::path(dir) / "ca.crt").string();
  auto ca = ReadWholeFile(ca_path);
  if (!ca) return Fail("in-cluster config: service account CA not found: " + ca_path);
  config.ca_pem = std::move(*ca);
  if (auto ns = ReadWholeFile((fs::path(dir) / "namespace").string())) config.namespace_ = TrimSpace(*ns);
  return {std::move(config), ""};
}

ConfigResult LoadConnectionConfig(const ConfigSources& sources) {
  auto env = [&](const std::string& name) -> std::optional<std::string> {
    if (sources.getenv) return sources.getenv(name);
    const char* v = std::getenv(name.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
  auto from_file = [&](const std::string& path, std::string_view origin) -> ConfigResult {
    auto text = ReadWholeFile(path);
    if (!text)
      return Fail("kubeconfig " + path + " (from " + std::string(origin) + "): file not found or unreadable");
    return ParseKubeconfig(*text, path, sources.context);
  };

  ConfigResult result;
  if (!sources.kubeconfig_path.empty()) {
    result = from_file(sources.kubeconfig_path, "--kubeconfig");
  } else if (auto list = env("KUBECONFIG"); list && !list->empty()) {
    result = from_file(Split(*list, ":").front(), "$KUBECONFIG");
  } else if (auto host = env("KUBERNETES_SERVICE_HOST"), port = env("KUBERNETES_SERVICE_PORT");
             host && port && !host->empty() && !port->empty()) {
    result = InClusterConfig(*host, *port, sources.in_cluster_dir);
  } else if (auto home = env("HOME"); home && fs::exists(fs::path(*home) / ".kube" / "config")) {
    result = from_file((fs::path(*home) / ".kube" / "config").string(), "$HOME");
  } else if (sources.apiserver_host.empty()) {
    return Fail(
        "no Kubernetes API configuration: pass --kubeconfig or --apiserver-host, set KUBECONFIG, run in a "
        "cluster, "
        "or create ~/.kube/config");
  } else {
    result = {ConnectionConfig{}, ""};
    result.config->source = "--apiserver-host";
  }
  if (result.ok() && !sources.apiserver_host.empty()) result.config->server = sources.apiserver_host;
  return result;
}

}  // namespace kic::kube::client
