#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kube/store.h"

namespace kic::kube {
namespace {

Service Svc(const std::string& ns, const std::string& name, const std::string& type = "ClusterIP") {
  Service s;
  s.meta.namespace_ = ns;
  s.meta.name = name;
  s.type = type;
  return s;
}

EndpointSlice Slice(const std::string& name, const std::string& service, const std::string& address = "") {
  EndpointSlice s;
  s.meta.name = name;
  s.meta.namespace_ = "n";
  s.meta.labels.Set("kubernetes.io/service-name", service);
  if (!address.empty()) s.endpoints.push_back(Endpoint{{address}, true, {}, {}});
  return s;
}

std::vector<std::string> SliceNames(const Store& store, const std::string& service) {
  std::vector<std::string> names;
  for (const auto* s : store.EndpointSlicesOf("n", service)) names.push_back(s->meta.name);
  return names;
}

TEST(StoreTable, GetByNamespaceAndNameAfterReplaceAndRemove) {
  Store store;
  store.Upsert(Svc("a", "web"));
  store.Upsert(Svc("b", "web"));
  store.Upsert(Svc("a", "api"));
  IngressClass cluster_scoped;
  cluster_scoped.meta.name = "kong";
  store.Upsert(cluster_scoped);
  ASSERT_NE(store.services().Get("a", "web"), nullptr);
  EXPECT_EQ(store.services().Get("a", "web")->meta.namespace_, "a");
  EXPECT_EQ(store.services().Get("b", "web")->meta.namespace_, "b");
  EXPECT_EQ(store.services().Get("a", "nope"), nullptr);
  EXPECT_EQ(store.services().Get("", "web"), nullptr);
  ASSERT_NE(store.ingress_classes().Get("", "kong"), nullptr);

  store.Upsert(Svc("a", "web", "ExternalName"));  // replaces, same name
  EXPECT_EQ(store.services().size(), 3u);
  EXPECT_EQ(store.services().Get("a", "web")->type, "ExternalName");

  EXPECT_FALSE(store.Remove("Ingress", "a", "web"));  // another kind
  EXPECT_TRUE(store.Remove("Service", "a", "web"));
  EXPECT_EQ(store.services().Get("a", "web"), nullptr);
  EXPECT_NE(store.services().Get("b", "web"), nullptr);
  EXPECT_EQ(store.services().size(), 2u);
  EXPECT_TRUE(store.Remove("IngressClass", "", "kong"));
  EXPECT_EQ(store.size(), 2u);
}

TEST(StoreTable, ItemsHoldEveryObjectOnce) {
  Store store;
  for (int i = 0; i < 50; ++i) store.Upsert(Svc("n", "s" + std::to_string(i)));
  for (int i = 0; i < 50; i += 2) store.Upsert(Svc("n", "s" + std::to_string(i), "NodePort"));
  std::vector<std::string> names;
  for (const auto& s : store.services().items()) names.push_back(s->meta.name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names.size(), 50u);
  EXPECT_EQ(std::unique(names.begin(), names.end()), names.end());
}

TEST(StoreTable, CopyIsASnapshot) {
  Store store;
  store.Upsert(Svc("n", "web"));
  store.Upsert(Slice("web-1", "web", "10.0.0.1"));
  const Store snapshot = store;
  store.Upsert(Svc("n", "web", "NodePort"));
  store.Upsert(Slice("web-1", "web", "10.0.0.2"));
  store.Upsert(Slice("web-2", "web"));
  EXPECT_EQ(snapshot.services().Get("n", "web")->type, "ClusterIP");
  ASSERT_EQ(SliceNames(snapshot, "web"), std::vector<std::string>{"web-1"});
  EXPECT_EQ(snapshot.EndpointSlicesOf("n", "web")[0]->endpoints[0].addresses[0], "10.0.0.1");
  EXPECT_TRUE(store.Remove("EndpointSlice", "n", "web-1"));
  EXPECT_EQ(SliceNames(snapshot, "web"), std::vector<std::string>{"web-1"});
  EXPECT_EQ(SliceNames(store, "web"), std::vector<std::string>{"web-2"});
}

TEST(StoreSliceIndex, NameOrderWhateverTheInsertionOrder) {
  Store store;
  for (const char* name : {"x-c", "x-a", "x-b"}) store.Upsert(Slice(name, "x"));
  EXPECT_EQ(SliceNames(store, "x"), (std::vector<std::string>{"x-a", "x-b", "x-c"}));
}

TEST(StoreSliceIndex, ReplacedSliceIsTheNewObject) {
  Store store;
  store.Upsert(Slice("x-1", "x", "10.0.0.1"));
  store.Upsert(Slice("x-1", "x", "10.0.0.9"));
  const auto slices = store.EndpointSlicesOf("n", "x");
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0], store.endpoint_slices().Get("n", "x-1"));
  EXPECT_EQ(slices[0]->endpoints[0].addresses[0], "10.0.0.9");
}

TEST(StoreSliceIndex, RenameAndRemoval) {
  Store store;
  store.Upsert(Slice("x-1", "x"));
  store.Upsert(Slice("x-2", "x"));
  // A rename is a delete and an add.
  EXPECT_TRUE(store.Remove("EndpointSlice", "n", "x-1"));
  store.Upsert(Slice("x-3", "x"));
  EXPECT_EQ(SliceNames(store, "x"), (std::vector<std::string>{"x-2", "x-3"}));
  // Removing the first slice of a group keeps the group findable by the others.
  EXPECT_TRUE(store.Remove("EndpointSlice", "n", "x-2"));
  EXPECT_EQ(SliceNames(store, "x"), std::vector<std::string>{"x-3"});
  EXPECT_TRUE(store.Remove("EndpointSlice", "n", "x-3"));
  EXPECT_TRUE(store.EndpointSlicesOf("n", "x").empty());
  store.Upsert(Slice("x-1", "x"));
  EXPECT_EQ(SliceNames(store, "x"), std::vector<std::string>{"x-1"});
  EXPECT_TRUE(store.EndpointSlicesOf("other", "x").empty());
}

TEST(StoreSliceIndex, RelabelledSliceMovesBetweenServices) {
  Store store;
  store.Upsert(Slice("s-1", "x"));
  store.Upsert(Slice("s-2", "x"));
  store.Upsert(Slice("s-1", "y"));
  EXPECT_EQ(SliceNames(store, "x"), std::vector<std::string>{"s-2"});
  EXPECT_EQ(SliceNames(store, "y"), std::vector<std::string>{"s-1"});
  store.Upsert(Slice("s-2", "y"));
  EXPECT_TRUE(store.EndpointSlicesOf("n", "x").empty());
  EXPECT_EQ(SliceNames(store, "y"), (std::vector<std::string>{"s-1", "s-2"}));
}

TEST(BoxedOptional, BehavesAsAValueLikeOptional) {
  Ingress a;
  EXPECT_FALSE(a.default_backend);
  IngressBackend backend;
  backend.resource = IngressBackend::ResourceRef{"configuration.konghq.com", "KongServiceFacade", "f"};
  a.default_backend = backend;
  ASSERT_TRUE(a.default_backend);
  EXPECT_EQ(a.default_backend->resource->name, "f");
  Ingress b = a;  // a deep copy
  EXPECT_EQ(a, b);
  b.default_backend->resource->name = "g";
  EXPECT_EQ(a.default_backend->resource->name, "f");
  EXPECT_NE(a, b);
  b.default_backend.reset();
  EXPECT_FALSE(b.default_backend);
  EXPECT_NE(a, b);
}

TEST(BoxedOptional, ValueAndValueOrAsOptionalHasThem) {
  BoxedOptional<std::vector<std::string>> methods;
  EXPECT_THROW((void)methods.value(), std::bad_optional_access);
  EXPECT_EQ(methods.value_or(std::vector<std::string>{"GET"}), std::vector<std::string>{"GET"});
  methods = std::vector<std::string>{"POST"};
  EXPECT_EQ(methods.value(), std::vector<std::string>{"POST"});
  EXPECT_EQ(methods.value_or(std::vector<std::string>{"GET"}), std::vector<std::string>{"POST"});
}

}  // namespace
}  // namespace kic::kube
