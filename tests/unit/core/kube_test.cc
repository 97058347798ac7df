#include <gtest/gtest.h>

#include "kube/decode.h"
#include "kube/manifest_loader.h"
#include "kube/store.h"

namespace kic::kube {
namespace {

TEST(Decode, IngressFromYaml) {
  Store store;
  LoadResult result;
  LoadYamlText(R"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: prod
  uid: u-1
  creationTimestamp: "2024-01-02T03:04:05Z"
  annotations:
    konghq.com/strip-path: "true"
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"}}
spec:
  ingressClassName: kong
  defaultBackend:
    service: {name: fallback, port: {name: http}}
  tls:
  - hosts: [a.example.com]
    secretName: tls
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend: {service: {name: api, port: {number: 8080}}}
)",
               "test.yaml", store, result);
  ASSERT_TRUE(result.problems.empty()) << result.problems[0].ToString();
  const auto* ing = store.ingresses().Get("prod", "web");
  ASSERT_NE(ing, nullptr);
  EXPECT_EQ(ing->meta.uid, "u-1");
  EXPECT_EQ(ing->meta.creation_timestamp, 1704164645);
  EXPECT_EQ(ing->meta.annotations.Get("konghq.com/strip-path"), "true");
  EXPECT_FALSE(ing->meta.annotations.Has("kubectl.kubernetes.io/last-applied-configuration"))
      << "kubectl's copy of the object is not kept in the store";
  EXPECT_EQ(ing->meta.annotations.size(), 1u);
  EXPECT_EQ(ing->ingress_class_name.value(), "kong");
  ASSERT_EQ(ing->rules.size(), 1u);
  EXPECT_EQ(ing->rules[0].paths[0].backend.service->port.number.value(), 8080);
  EXPECT_EQ(ing->default_backend->service->port.name, "http");
  EXPECT_EQ(ing->tls[0].secret_name, "tls");
  EXPECT_EQ(ing->meta.Version(), "v1");
}

TEST(Decode, HelmReleaseSecretsAreKeptWithoutTheirData) {
  Store store;
  LoadResult result;
  LoadYamlText(R"(
apiVersion: v1
kind: Secret
metadata: {name: sh.helm.release.v1.kong.v7, namespace: kong}
type: helm.sh/release.v1
data: {release: SDRzSUFBQUFBQUFDLyt5OWE=}
---
apiVersion: v1
kind: Secret
metadata: {name: plugin-conf, namespace: kong}
type: Opaque
data: {config: eyJrZXkiOiAidmFsdWUifQ==}
)",
               "test.yaml", store, result);
  ASSERT_TRUE(result.problems.empty()) << result.problems[0].ToString();
  const auto* release = store.secrets().Get("kong", "sh.helm.release.v1.kong.v7");
  ASSERT_NE(release, nullptr);
  EXPECT_TRUE(release->data.empty());
  const auto* opaque = store.secrets().Get("kong", "plugin-conf");
  ASSERT_NE(opaque, nullptr);
  EXPECT_EQ(opaque->data.Get("config"), R"({"key": "value"})");
}

TEST(Uid, KeepsEveryTextExactly) {
  for (const std::string text :
       {"2c5f1f0e-8d3b-4a6e-9f1d-0123456789ab", "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "2C5F1F0E-8D3B-4A6E-9F1D-0123456789AB",
        "2c5f1f0e8d3b4a6e9f1d0123456789ab----", "2c5f1f0e-8d3b-4a6e-9f1d-0123456789ag", "u-1", ""}) {
    const Uid uid(text);
    EXPECT_EQ(uid.str(), text);
    EXPECT_EQ(uid.empty(), text.empty()) << text;
    EXPECT_EQ(uid, Uid(text)) << text;
  }
  EXPECT_FALSE(Uid("2c5f1f0e-8d3b-4a6e-9f1d-0123456789ab") == Uid("2c5f1f0e-8d3b-4a6e-9f1d-0123456789ac"));
  EXPECT_FALSE(Uid("2c5f1f0e-8d3b-4a6e-9f1d-0123456789ab") == Uid("2C5F1F0E-8D3B-4A6E-9F1D-0123456789AB"));
  EXPECT_FALSE(Uid("") == Uid("00000000-0000-0000-0000-000000000000"));
}

TEST(Decode, IntOrStringTellsQuotedFromPlain) {
  Store store;
  LoadResult result;
  LoadYamlText(R"(
apiVersion: v1
kind: Service
metadata: {name: s, namespace: d}
spec:
  ports:
  - {port: 80, targetPort: 8080}
  - {port: 81, targetPort: "web"}
  - {port: 82, targetPort: "8082"}
)",
               "svc.yaml", store, result);
  const auto* svc = store.services().Get("d", "s");
  ASSERT_NE(svc, nullptr);
  EXPECT_EQ(svc->ports[0].target_port.number.value(), 8080);
  EXPECT_EQ(svc->ports[1].target_port.name, "web");
  EXPECT_FALSE(svc->ports[2].target_port.IsInt());
  EXPECT_EQ(svc->ports[2].target_port.name, "8082");
}

TEST(Loader, BrokenDocumentIsReportedAndTheOthersLoad) {
  Store store;
  LoadResult result;
  LoadYamlText(R"(apiVersion: v1
kind: Service
metadata: {name: good, namespace: d}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bad, namespace: d}
spec:
  rules:
  - host: x
    http:
      paths:
      - backend: {service: {name: s, port: {number: eighty}}}
---
kind: Deployment
apiVersion: apps/v1
metadata: {name: ignored}
---
this: is: not yaml
---
apiVersion: v1
kind: Secret
metadata: {name: s, namespace: d}
data: {tls.crt: "!!!"}
)",
               "m.yaml", store, result);
  EXPECT_EQ(result.objects, 1u);
  EXPECT_EQ(result.skipped, 1u);
  ASSERT_EQ(result.problems.size(), 3u);
  EXPECT_EQ(result.problems[0].object, "m.yaml: document 2 (Ingress d/bad)");
  EXPECT_EQ(result.problems[0].field, "spec.rules[0].http.paths[0].backend.service.port.number");
  EXPECT_EQ(result.problems[0].message, "expected an integer");
  EXPECT_NE(result.problems[1].message.find("invalid YAML"), std::string::npos);
  EXPECT_EQ(result.problems[1].object, "m.yaml: document 4");
  EXPECT_EQ(result.problems[2].field, "data.tls.crt");
  EXPECT_NE(store.services().Get("d", "good"), nullptr);
}

TEST(Loader, JsonListAndYamlList) {
  Store store;
  LoadResult result;
  LoadJsonText(R"({"kind":"List","apiVersion":"v1","items":[
    {"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"n"},"spec":{"ports":[{"port":80}]}},
    {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"a-1","namespace":"n",
      "labels":{"kubernetes.io/service-name":"a"}},"addressType":"IPv4",
      "endpoints":[{"addresses":["10.0.0.1"],"conditions":{"ready":true}}],"ports":[{"port":8080,"protocol":"TCP"}]}]})",
               "list.json", store, result);
  LoadYamlText(
      "kind: ServiceList\napiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b, "
      "namespace: n}\n",
      "list.yaml", store, result);
  EXPECT_TRUE(result.problems.empty());
  EXPECT_EQ(result.objects, 3u);
  const auto slices = store.EndpointSlicesOf("n", "a");
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0]->endpoints[0].ready.value(), true);
  EXPECT_EQ(slices[0]->ports[0].port.value(), 8080);
  EXPECT_NE(store.services().Get("n", "b"), nullptr);
}

TEST(Loader, MissingPathIsAnError) {
  Store store;
  EXPECT_THROW(LoadManifests({"/nonexistent/path.yaml"}, store), LoadError);
}

EndpointSlice Slice(const std::string& name, const std::string& service) {
  EndpointSlice s;
  s.meta.name = name;
  s.meta.namespace_ = "n";
  s.meta.labels.Set("kubernetes.io/service-name", service);
  return s;
}

TEST(Store, EndpointSliceIndexFollowsUpdatesAndDeletes) {
  Store store;
  const auto g0 = store.generation();
  store.Upsert(Slice("x-1", "x"));
  store.Upsert(Slice("x-2", "x"));
  EXPECT_EQ(store.EndpointSlicesOf("n", "x").size(), 2u);
  store.Upsert(Slice("x-2", "y"));  // relabelled: moves to another service
  EXPECT_EQ(store.EndpointSlicesOf("n", "x").size(), 1u);
  EXPECT_EQ(store.EndpointSlicesOf("n", "y").size(), 1u);
  EXPECT_TRUE(store.Remove("EndpointSlice", "n", "x-1"));
  EXPECT_FALSE(store.Remove("EndpointSlice", "n", "x-1"));
  EXPECT_TRUE(store.EndpointSlicesOf("n", "x").empty());
  EXPECT_GT(store.generation(), g0);
  EXPECT_EQ(store.size(), 1u);
}

}  // namespace
}  // namespace kic::kube
