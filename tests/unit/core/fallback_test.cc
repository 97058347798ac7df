#include "translate/fallback.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "kube/manifest_loader.h"

namespace kic::translate {
namespace {

kube::Store Load(const std::string& yaml) {
  kube::Store store;
  kube::LoadResult loaded;
  kube::LoadYamlText(yaml, "test.yaml", store, loaded);
  EXPECT_TRUE(loaded.problems.empty()) << loaded.problems[0].ToString();
  return store;
}

const char* kCluster = R"(
apiVersion: v1
kind: Secret
metadata: {name: plugin-config, namespace: d}
stringData: {config: '{"minute": 5}'}
---
apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata: {name: limit, namespace: d}
plugin: rate-limiting
configFrom: {secretKeyRef: {name: plugin-config, key: config}}
---
apiVersion: v1
kind: Service
metadata: {name: limited, namespace: d, annotations: {konghq.com/plugins: limit}}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: free, namespace: d}
spec: {ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: uses-limited, namespace: d}
spec:
  ingressClassName: kong
  rules: [{http: {paths: [{path: /a, pathType: Prefix, backend: {service: {name: limited, port: {number: 80}}}}]}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: uses-free, namespace: d}
spec:
  ingressClassName: kong
  rules: [{http: {paths: [{path: /b, pathType: Prefix, backend: {service: {name: free, port: {number: 80}}}}]}}]
)";

TEST(Fallback, ExcludesTheBrokenObjectAndEverythingThatDependsOnIt) {
  const kube::Store store = Load(kCluster);
  std::vector<BrokenObject> excluded;
  const kube::Store fallback = WithoutBroken(store, {{"Secret", "d", "plugin-config"}}, &excluded);
  // Secret -> KongPlugin (configFrom) -> Service (plugins annotation) -> Ingress (backend).
  EXPECT_EQ(fallback.secrets().Get("d", "plugin-config"), nullptr);
  EXPECT_EQ(fallback.Of<kube::KongPlugin>().Get("d", "limit"), nullptr);
  EXPECT_EQ(fallback.services().Get("d", "limited"), nullptr);
  EXPECT_EQ(fallback.ingresses().Get("d", "uses-limited"), nullptr);
  EXPECT_NE(fallback.services().Get("d", "free"), nullptr);
  EXPECT_NE(fallback.ingresses().Get("d", "uses-free"), nullptr);
  EXPECT_EQ(excluded.size(), 4u);
  // The original store is untouched.
  EXPECT_NE(store.ingresses().Get("d", "uses-limited"), nullptr);
}

TEST(Fallback, NothingBrokenKeepsEverything) {
  const kube::Store store = Load(kCluster);
  EXPECT_EQ(WithoutBroken(store, {}).size(), store.size());
}

TEST(Fallback, BrokenIngressAloneIsExcluded) {
  const kube::Store store = Load(kCluster);
  const kube::Store fallback = WithoutBroken(store, {{"Ingress", "d", "uses-free"}});
  EXPECT_EQ(fallback.ingresses().Get("d", "uses-free"), nullptr);
  EXPECT_NE(fallback.services().Get("d", "free"), nullptr);
  EXPECT_EQ(fallback.size(), store.size() - 1);
}

}  // namespace
}  // namespace kic::translate
