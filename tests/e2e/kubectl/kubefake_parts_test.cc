// Unit tests of the test server's pure parts: selectors, patches, JSONPath, the generation rules.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace kic::kubefake
