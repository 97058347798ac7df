#pragma once

// Helpers of the Gateway API unit tests: manifests in, translation result out.

#include <gtest/gtest.h>

#include <string>

#include "kong/config.h"
#include "kube/manifest_loader.h"
#include "translate/options.h"
#include "translate/translator.h"

namespace kic::translate::testing {

inline Result TranslateYaml(const std::string& yaml, Options options = {}) {
  kube::Store store;
  kube::LoadResult loaded;
  kube::LoadYamlText(yaml, "test.yaml", store, loaded);
  EXPECT_TRUE(loaded.problems.empty());
  return Translate(store, options);
}

inline const kong::Service* FindService(const Result& r, const std::string& name) {
  for (const auto& s : r.config.services)
    if (s.name == name) return &s;
  return nullptr;
}

inline const kong::Route* FindRoute(const Result& r, const std::string& name) {
  for (const auto& s : r.config.services)
    for (const auto& route : s.routes)
      if (route.name == name) return &route;
  return nullptr;
}

inline const StatusUpdate* FindStatus(const Result& r, const std::string& kind, const std::string& name) {
  for (const auto& s : r.statuses)
    if (s.kind == kind && s.name == name) return &s;
  return nullptr;
}

// A GatewayClass of this controller managed by KIC itself, and a Gateway "gw" in namespace "d"
// whose status already says every listener is Programmed (KIC attaches routes only then).
// `listeners` is the YAML flow list of spec.listeners.
inline std::string GatewaySetup(const std::string& listeners, const std::string& listener_names) {
  std::string statuses;
  for (size_t start = 0; start < listener_names.size();) {
    size_t end = listener_names.find(',', start);
    if (end == std::string::npos) end = listener_names.size();
    const std::string name = listener_names.substr(start, end - start);
    statuses +=
        "  - name: " + name +
        "\n    supportedKinds: [{group: gateway.networking.k8s.io, kind: HTTPRoute}, {group: "
        "gateway.networking.k8s.io, kind: GRPCRoute}, {group: gateway.networking.k8s.io, kind: TCPRoute}]\n"
        "    conditions: [{type: Programmed, status: \"True\", reason: Programmed}]\n";
    start = end + 1;
  }
  return R"(
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: kong
  annotations: {konghq.com/gatewayclass-unmanaged: "true"}
spec: {controllerName: konghq.com/kic-gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: d, generation: 2}
spec:
  gatewayClassName: kong
  listeners: )" +
         listeners +
         R"(
status:
  listeners:
)" + statuses +
         R"(---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: d}
spec: {ports: [{port: 80}]}
---
)";
}

}  // namespace kic::translate::testing
