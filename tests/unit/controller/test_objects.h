#pragma once

// Kubernetes objects for controller tests, written as YAML and decoded like watched objects.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/yaml_tree.h"
#include "kube/decode.h"
#include "kube/store.h"

namespace kic::controller::testing {

inline std::vector<kube::Object> Objects(const std::string& yaml_text) {
  std::vector<kube::Object> out;
  for (const auto& doc : yaml::ParseDocuments(yaml_text)) {
    if (doc.empty) continue;
    EXPECT_EQ(doc.error, "");
    if (auto object = kube::DecodeObject(doc.root)) out.push_back(std::move(*object));
  }
  return out;
}

inline kube::Store StoreOf(const std::string& yaml_text) {
  kube::Store store;
  for (auto& object : Objects(yaml_text)) store.Upsert(std::move(object));
  return store;
}

inline std::string IngressYaml(const std::string& name, const std::string& path,
                               const std::string& annotations = "") {
  return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name +
         "\n  namespace: default\n  uid: uid-" + name + "\n" +
         (annotations.empty() ? "" : "  annotations:\n" + annotations) +
         "spec:\n  ingressClassName: kong\n  rules:\n  - host: example.com\n    http:\n      paths:\n      - "
         "path: " +
         path +
         "\n        pathType: ImplementationSpecific\n        backend:\n          service:\n            "
         "name: echo\n            port:\n"
         "              number: 80\n---\n";
}

inline std::string ServiceYaml(const std::string& name = "echo") {
  return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name +
         "\n  namespace: default\n  uid: uid-svc-" + name +
         "\nspec:\n  clusterIP: 10.0.0.1\n  ports:\n  - name: http\n    port: 80\n    targetPort: "
         "8080\n---\n";
}

inline std::string SliceYaml(const std::string& service, const std::vector<std::string>& addresses,
                             const std::string& port_name = "http", int port = 8080) {
  std::string out = "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: " + service +
                    "-slice\n  namespace: default\n  labels:\n    kubernetes.io/service-name: " + service +
                    "\naddressType: IPv4\nendpoints:\n";
  for (const auto& address : addresses)
    out += "- addresses: [\"" + address + "\"]\n  conditions:\n    ready: true\n";
  out += "ports:\n- name: " + port_name + "\n  port: " + std::to_string(port) + "\n  protocol: TCP\n---\n";
  return out;
}

}  // namespace kic::controller::testing
