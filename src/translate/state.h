#pragma once

// The translator's working state between the per-kind passes and the final Kong config.
// Mirrors the shape of the output (services holding routes) plus the back-references each later
// pass needs: which Kubernetes objects a service or route came from.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/problem.h"
#include "kong/config.h"
#include "kube/store.h"
#include "translate/options.h"
#include "translate/status.h"

namespace kic::translate {

// How an Ingress backend names its Service port.
struct PortDef {
  enum class Mode { kImplicit, kNumber, kName };
  Mode mode = Mode::kImplicit;
  int64_t number = 0;
  std::string name;

  // The part of Kong names that stands for the port: "80", "http" or "implicitPort".
  std::string Canonical() const;
  static PortDef From(const kube::ServiceBackendPort& port);
};

// A Kong service with KIC's defaults: port 80, 60 s timeouts, 5 retries, path "/" when asked.
kong::Service DefaultKongService(std::string name, std::string host, std::string protocol, bool with_path);

struct Backend {
  std::string ns;
  std::string name;
  PortDef port;
  std::optional<int64_t> weight;
};

// An Ingress path as written, kept for expression routes.
struct SourcePath {
  std::string path;
  std::string type;
};

// Where a route came from: its annotations apply to it and problems name it.
struct RouteSource {
  const kube::ObjectMeta* meta = nullptr;
  std::string ref;   // ObjectRef, e.g. "Ingress default/web"
  std::string kind;  // "Ingress", "HTTPRoute", ...
};

struct RouteDraft {
  kong::Route route;
  RouteSource source;
  // Ingress only: the rule's host ("" for none) and its paths as written, for expression routes.
  std::string host;
  std::vector<SourcePath> source_paths;
  bool default_backend = false;
  // KongPlugins attached besides the source's konghq.com/plugins annotation (e.g. an HTTPRoute
  // ExtensionRef filter), in the annotation's form: "name" or "namespace:name".
  std::vector<std::string> plugin_refs;
  // The expression and priority were computed by the route's own translator (Gateway API kinds).
  bool expression_done = false;
};

struct ServiceDraft {
  kong::Service service;
  std::string ns;  // namespace of the backends
  std::vector<Backend> backends;
  std::vector<RouteDraft> routes;
  std::string parent;                              // ObjectRef of the object that created it, for problems
  std::vector<const kube::Service*> k8s_services;  // resolved backends, in backend order
  // Set when the backend is a KongServiceFacade: it names the service, gives it its tags, and its
  // annotations override the backing Service's.
  const kube::KongServiceFacade* facade = nullptr;
};

// Which TLS Secret serves which hosts. The first Secret to claim a host keeps it.
struct TlsClaims {
  struct Claim {
    std::vector<std::string> hosts;
    std::vector<std::string> parents;  // ObjectRefs of the objects that asked for it
  };
  std::map<std::string, Claim> by_secret;  // "ns/name"
  std::set<std::string> seen_hosts;

  void Add(const std::string& secret_key, const std::vector<std::string>& hosts, const std::string& parent);
};

class Context {
 public:
  Context(const kube::Store& store, const Options& options) : store(store), options(options) {}

  void Report(std::string object, std::string field, std::string message) {
    problems.push_back(Problem{std::move(object), std::move(field), std::move(message)});
  }

  const kube::Store& store;
  const Options& options;
  // From the IngressClass's IngressClassParameters: every Service as a single DNS target, and the
  // legacy detection of regex paths without the "/~" prefix.
  bool service_upstream = false;
  bool legacy_regex_detection = false;
  std::vector<Problem> problems;
  std::map<std::string, ServiceDraft> services;  // by Kong service name
  TlsClaims tls;
  std::vector<StatusUpdate> statuses;
};

}  // namespace kic::translate
