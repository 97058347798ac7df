// The change journal the sync loop reads to choose its fast path: EndpointSlice-only changes
// name the Services whose targets move; anything else turns the fast path off until taken.

#include <gtest/gtest.h>

#include "kube/client/synced_store.h"
#include "test_objects.h"

namespace kic::controller {
namespace {

using kube::client::StoreChanges;
using kube::client::SyncedStore;
using testing::IngressYaml;
using testing::Objects;
using testing::ServiceYaml;
using testing::SliceYaml;

StoreChanges Take(SyncedStore& store) {
  return store.ReadChanges([](const kube::Store&, const StoreChanges& changes) { return changes; });
}

kube::Object One(const std::string& yaml) {
  auto objects = Objects(yaml);
  EXPECT_EQ(objects.size(), 1u);
  return objects.at(0);
}

TEST(StoreChanges, SliceChangesNameTheirServicesBeforeAndAfter) {
  SyncedStore store;
  store.Apply(One(SliceYaml("echo", {"10.1.0.1"})));
  auto changes = Take(store);
  EXPECT_TRUE(changes.only_endpoint_slices);
  EXPECT_EQ(changes.slice_services, std::set<std::string>{"default/echo"});
  EXPECT_EQ(changes.generation, store.generation());

  // Taken once: the next take starts empty.
  changes = Take(store);
  EXPECT_TRUE(changes.only_endpoint_slices);
  EXPECT_TRUE(changes.slice_services.empty());

  // A slice relabelled to another Service moves targets out of one and into the other.
  auto moved = SliceYaml("echo", {"10.1.0.1"});
  moved.replace(moved.find("service-name: echo"), 18, "service-name: other");
  store.Apply(One(moved));
  EXPECT_EQ(Take(store).slice_services, (std::set<std::string>{"default/echo", "default/other"}));

  EXPECT_TRUE(store.Remove("EndpointSlice", "default", "echo-slice"));
  EXPECT_EQ(Take(store).slice_services, std::set<std::string>{"default/other"});
  // Deleting what is not there changes nothing.
  EXPECT_FALSE(store.Remove("Ingress", "default", "none"));
  EXPECT_TRUE(Take(store).only_endpoint_slices);
}

// The relist's "unchanged" test compares resourceVersions.
std::string WithVersion(std::string yaml, const std::string& version) {
  return yaml.replace(yaml.find("  namespace: default\n"), 21,
                      "  namespace: default\n  resourceVersion: \"" + version + "\"\n");
}

TEST(StoreChanges, AnyOtherKindNeedsTheFullTranslation) {
  SyncedStore store;
  store.Apply(One(SliceYaml("echo", {"10.1.0.1"})));
  store.Apply(One(ServiceYaml()));
  store.Apply(One(SliceYaml("echo", {"10.1.0.2"})));
  auto changes = Take(store);
  EXPECT_FALSE(changes.only_endpoint_slices);
  EXPECT_TRUE(changes.slice_services.empty());
  EXPECT_TRUE(Take(store).only_endpoint_slices);

  // A relist that lists nothing new changes nothing; one that drops an Ingress does.
  store.Replace("Ingress", "", Objects(WithVersion(IngressYaml("a", "/a"), "5")));
  EXPECT_FALSE(Take(store).only_endpoint_slices);
  store.Replace("Ingress", "", Objects(WithVersion(IngressYaml("a", "/a"), "5")));
  EXPECT_TRUE(Take(store).only_endpoint_slices);
  store.Replace("Ingress", "", {});
  EXPECT_FALSE(Take(store).only_endpoint_slices);
  // A relist of slices names the Service of the one it dropped.
  store.Replace("EndpointSlice", "", {});
  changes = Take(store);
  EXPECT_TRUE(changes.only_endpoint_slices);
  EXPECT_EQ(changes.slice_services, std::set<std::string>{"default/echo"});
}

}  // namespace
}  // namespace kic::controller
