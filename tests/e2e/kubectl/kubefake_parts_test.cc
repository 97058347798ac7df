// Unit tests of the test server's pure parts: selectors, patches, JSONPath, the generation rules.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "object_store.h"
#include "patch.h"
#include "resource_api.h"
#include "selectors.h"
#include "table.h"

namespace kic::kubefake {
namespace {

using nlohmann::json;

json WithLabels(json labels) {
  return {{"metadata", {{"name", "n"}, {"labels", std::move(labels)}}}};
}

TEST(LabelSelectorTest, SupportsEveryOperator) {
  std::string error;
  auto s = LabelSelector::Parse("app=web,tier notin (db, cache),!gone,env in (a,b),zone", &error);
  ASSERT_TRUE(s) << error;
  EXPECT_TRUE(s->Matches(WithLabels({{"app", "web"}, {"env", "a"}, {"zone", "z"}})));
  EXPECT_FALSE(s->Matches(WithLabels({{"app", "web"}, {"env", "a"}, {"zone", "z"}, {"tier", "db"}})));
  EXPECT_FALSE(s->Matches(WithLabels({{"app", "web"}, {"env", "a"}, {"zone", "z"}, {"gone", "1"}})));
  EXPECT_FALSE(s->Matches(WithLabels({{"app", "web"}, {"env", "c"}, {"zone", "z"}})));
  EXPECT_FALSE(s->Matches(WithLabels({{"app", "web"}, {"env", "a"}})));
  auto ne = LabelSelector::Parse("app!=web", &error);
  ASSERT_TRUE(ne);
  EXPECT_TRUE(ne->Matches(WithLabels(json::object())));  // != matches objects without the key
  EXPECT_FALSE(LabelSelector::Parse("app in (a", &error));
}

TEST(FieldSelectorTest, MatchesDottedFields) {
  std::string error;
  auto s = FieldSelector::Parse("metadata.name=n,spec.type!=LoadBalancer", &error);
  ASSERT_TRUE(s) << error;
  EXPECT_TRUE(s->Matches({{"metadata", {{"name", "n"}}}, {"spec", {{"type", "ClusterIP"}}}}));
  EXPECT_FALSE(s->Matches({{"metadata", {{"name", "n"}}}, {"spec", {{"type", "LoadBalancer"}}}}));
  EXPECT_FALSE(s->Matches({{"metadata", {{"name", "m"}}}}));
}

TEST(PatchTest, MergePatchDeletesWithNullAndReplacesLists) {
  auto r = ApplyMergePatch({{"a", 1}, {"b", {1, 2}}, {"c", {{"d", 1}}}},
                           {{"a", nullptr}, {"b", {3}}, {"c", {{"e", 2}}}});
  EXPECT_EQ(r.object, json({{"b", {3}}, {"c", {{"d", 1}, {"e", 2}}}}));
}

TEST(PatchTest, StrategicMergePatchMergesKeyedLists) {
  json service = {{"metadata", {{"finalizers", {"a"}}}},
                  {"spec", {{"ports", {{{"port", 80}, {"name", "http"}}, {{"port", 82}}}}}}};
  json patch = {
      {"metadata", {{"finalizers", {"b"}}}},
      {"spec",
       {{"$setElementOrder/ports", {{{"port", 80}}, {{"port", 83}}}},
        {"ports", {{{"port", 80}, {"name", "web"}}, {{"port", 83}}, {{"$patch", "delete"}, {"port", 82}}}}}}};
  auto r = ApplyStrategicMergePatch(service, patch);
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.object["metadata"]["finalizers"], json({"a", "b"}));
  EXPECT_EQ(r.object["spec"]["ports"], json({{{"port", 80}, {"name", "web"}}, {{"port", 83}}}));
  EXPECT_FALSE(r.object["spec"].contains("$setElementOrder/ports"));
}

TEST(PatchTest, JsonPatchReportsFailures) {
  EXPECT_EQ(ApplyJsonPatch({{"a", 1}}, json::parse(R"([{"op":"replace","path":"/a","value":2}])")).object,
            json({{"a", 2}}));
  EXPECT_NE(ApplyJsonPatch({{"a", 1}}, json::parse(R"([{"op":"remove","path":"/zz"}])")).error, "");
}

TEST(JsonPathTest, EvaluatesPrinterColumnPaths) {
  json o = {{"status",
             {{"conditions",
               {{{"type", "Ready"}, {"status", "False"}}, {{"type", "Programmed"}, {"status", "True"}}}}}},
            {"spec", {{"hosts", {"a", "b"}}}}};
  EXPECT_EQ(EvaluateJsonPath(o, R"(.status.conditions[?(@.type=="Programmed")].status)"),
            std::vector<json>{"True"});
  EXPECT_EQ(EvaluateJsonPath(o, ".spec.hosts[1]"), std::vector<json>{"b"});
  EXPECT_EQ(EvaluateJsonPath(o, ".spec.hosts[*]").size(), 2u);
  EXPECT_TRUE(EvaluateJsonPath(o, ".spec.missing").empty());
}

TEST(MergeWriteTest, GenerationFollowsSpecNotMetadataOrStatus) {
  ResourceType crd;
  crd.kind = "KongPlugin";
  crd.has_status = true;
  crd.tracks_generation = true;
  json current = {{"metadata", {{"name", "p"}, {"uid", "u"}, {"generation", 1}, {"resourceVersion", "5"}}},
                  {"plugin", "cors"},
                  {"status", {{"ok", true}}}};
  json relabeled = current;
  relabeled["metadata"]["labels"] = {{"a", "b"}};
  relabeled["status"] = {{"ok", false}};
  json out = MergeWrite(crd, current, relabeled, "");
  EXPECT_EQ(out["metadata"]["generation"], 1);
  EXPECT_EQ(out["status"], json({{"ok", true}}));  // main writes keep status
  json respecced = current;
  respecced["plugin"] = "acl";
  respecced["metadata"]["uid"] = "forged";
  out = MergeWrite(crd, current, respecced, "");
  EXPECT_EQ(out["metadata"]["generation"], 2);
  EXPECT_EQ(out["metadata"]["uid"], "u");
  out = MergeWrite(crd, current, respecced, "status");
  EXPECT_EQ(out["plugin"], "cors");  // status writes change only status
  EXPECT_EQ(out["metadata"]["generation"], 1);
}

// ---- ObjectStore pages: seeking, snapshots at an RV, counts, stored bytes ----

void PutMap(ObjectStore& store, const std::string& ns, const std::string& name,
            const std::string& app = "a") {
  json object = {{"apiVersion", "v1"},
                 {"kind", "ConfigMap"},
                 {"metadata", {{"name", name}, {"namespace", ns}, {"labels", {{"app", app}}}}},
                 {"data", {{"k", name}}}};
  store.Write({"/configmaps", ns, name}, [&](const json*) { return WriteDecision::Put(object); });
}

void DeleteMap(ObjectStore& store, const std::string& ns, const std::string& name) {
  store.Write({"/configmaps", ns, name}, [](const json*) { return WriteDecision::Delete(); });
}

std::vector<std::string> NamesOf(const Page& page) {
  std::vector<std::string> names;
  for (const auto& item : page.items) names.push_back(item->metadata().value("name", ""));
  return names;
}

// Pages through everything with `limit`, as a client follows continue tokens; `between` runs
// after each page (to change the store under a paging client).
std::vector<Page> PageThrough(const ObjectStore& store, PageQuery query,
                              const std::function<void()>& between) {
  std::vector<Page> pages;
  for (;;) {
    auto listed = store.ListPage(query);
    EXPECT_TRUE(std::holds_alternative<Page>(listed));
    if (!std::holds_alternative<Page>(listed)) return pages;
    pages.push_back(std::get<Page>(std::move(listed)));
    const Page& page = pages.back();
    if (!page.more) return pages;
    const json& last = page.items.back()->metadata();
    query.at_rv = page.resource_version;
    query.after = std::make_pair(last.value("namespace", ""), last.value("name", ""));
    query.offset += static_cast<int64_t>(page.items.size());
    between();
  }
}

TEST(ObjectStorePageTest, PagesSeeAConsistentSnapshotWithExactRemainingCounts) {
  ObjectStore store(1000);
  for (const char* name : {"a", "b", "c", "d", "e", "f", "g"}) PutMap(store, "one", name);
  PutMap(store, "two", "a");
  PageQuery query;
  query.resource = "/configmaps";
  query.ns = "one";
  query.limit = 3;
  int changes = 0;
  auto pages = PageThrough(store, query, [&] {
    // After the first page: delete one still to come, add one, modify one; none shows.
    if (changes++ > 0) return;
    DeleteMap(store, "one", "e");
    PutMap(store, "one", "bb");
    PutMap(store, "one", "f", "changed");
  });
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(NamesOf(pages[0]), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(NamesOf(pages[1]), (std::vector<std::string>{"d", "e", "f"}));
  EXPECT_EQ(NamesOf(pages[2]), (std::vector<std::string>{"g"}));
  EXPECT_EQ(pages[0].remaining, 4);
  EXPECT_EQ(pages[1].remaining, 1);
  EXPECT_FALSE(pages[2].more);
  EXPECT_EQ(pages[1].items[2]->object["metadata"]["labels"]["app"], "a");  // f as it was
  EXPECT_EQ(pages[0].resource_version, pages[2].resource_version);

  // The latest state: e gone, bb added, f changed; the other namespace not included.
  auto now =
      std::get<Page>(store.ListPage({"/configmaps", "one", std::nullopt, std::nullopt, 0, 0, nullptr}));
  EXPECT_EQ(NamesOf(now), (std::vector<std::string>{"a", "b", "bb", "c", "d", "f", "g"}));
  auto all = std::get<Page>(store.ListPage({"/configmaps", "", std::nullopt, std::nullopt, 0, 0, nullptr}));
  EXPECT_EQ(all.items.size(), 8u);
}

TEST(ObjectStorePageTest, SelectorsFilterAndCountNothing) {
  ObjectStore store(1000);
  for (int i = 0; i < 10; ++i) PutMap(store, "ns", "m" + std::to_string(i), i % 3 == 0 ? "x" : "y");
  PageQuery query;
  query.resource = "/configmaps";
  query.limit = 2;
  query.matches = [](const json& o) { return o["metadata"]["labels"]["app"] == "x"; };
  auto pages = PageThrough(store, query, [] {});
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(NamesOf(pages[0]), (std::vector<std::string>{"m0", "m3"}));
  EXPECT_EQ(NamesOf(pages[1]), (std::vector<std::string>{"m6", "m9"}));
  EXPECT_FALSE(pages[0].remaining.has_value());  // as the real server: no count with selectors
  EXPECT_FALSE(pages[1].more);
}

TEST(ObjectStorePageTest, OldSnapshotsExpireWithTheHistory) {
  ObjectStore store(2);
  PutMap(store, "ns", "a");
  const int64_t then = store.CurrentResourceVersion();
  for (const char* name : {"b", "c", "d"}) PutMap(store, "ns", name);
  auto listed = store.ListPage({"/configmaps", "ns", then, std::nullopt, 0, 1, nullptr});
  ASSERT_TRUE(std::holds_alternative<ApiError>(listed));
  EXPECT_EQ(std::get<ApiError>(listed).code, 410);
}

TEST(ObjectStorePageTest, StoredBytesAreTheObjectServedAtAnyVersion) {
  ObjectStore store(10);
  PutMap(store, "ns", "a");
  ObjectRef stored = store.GetRef({"/configmaps", "ns", "a"});
  ASSERT_TRUE(stored);
  std::string out;
  stored->AppendJson(TypePrefix("v2", "ConfigMap"), &out);
  json served = json::parse(out);
  json expected = stored->object;
  expected["apiVersion"] = "v2";
  EXPECT_EQ(served, expected);
  EXPECT_EQ(served["metadata"]["resourceVersion"], std::to_string(store.CurrentResourceVersion()));
}

}  // namespace
}  // namespace kic::kubefake
