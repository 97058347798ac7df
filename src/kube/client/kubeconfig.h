#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kic::kube::client {

// Everything needed to reach and authenticate to the API server. PEM material is held in memory
// (handed to curl as blobs); a token file is kept as a path so that rotated tokens are picked up.
struct ConnectionConfig {
  std::string server;  // "https://10.0.0.1:443"
  std::string ca_pem;  // empty: the system trust store
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;  // SNI and the name verified, when it differs from the server's host
  std::string token;            // a static bearer token
  std::string token_file;       // re-read periodically; wins over `token` when both are set
  std::string client_cert_pem;
  std::string client_key_pem;
  std::string namespace_;  // the context's namespace, or the pod's namespace in-cluster
  std::string source;      // where this came from, for messages ("kubeconfig /p (context c)", "in-cluster")
};

struct ConfigResult {
  std::optional<ConnectionConfig> config;
  std::string error;  // names the file and the field at fault
  bool ok() const { return config.has_value(); }
};

// Where to look, in controller-runtime's order: `kubeconfig_path` (--kubeconfig), then the first
// file of $KUBECONFIG, then in-cluster (KUBERNETES_SERVICE_HOST/PORT and `in_cluster_dir`), then
// $HOME/.kube/config. `apiserver_host` (--apiserver-host) replaces the server of whichever is
// found, and alone is enough to build a config.
struct ConfigSources {
  std::string kubeconfig_path;
  std::string apiserver_host;
  std::string context;  // overrides current-context when set
  std::string in_cluster_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
  // Environment lookup; std::getenv when empty (tests inject their own).
  std::function<std::optional<std::string>(const std::string&)> getenv;
};

ConfigResult LoadConnectionConfig(const ConfigSources& sources);

// Parses kubeconfig text. `path` is used in messages and to resolve relative file references.
ConfigResult ParseKubeconfig(std::string_view text, const std::string& path, const std::string& context = "");

// In-cluster config from the service account directory and the service env vars.
ConfigResult InClusterConfig(const std::string& host, const std::string& port, const std::string& dir);

}  // namespace kic::kube::client
