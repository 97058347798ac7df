// Direct HTTP tests of kube-test-server: paging, selectors, watches and resourceVersions, 410s,
// bookmarks, the status subresource, patches, conflicts and the /_test/ fault knobs.
#include <gtest/gtest.h>

#include <future>
#include <memory>

#include "http_helpers.h"
#include "test_server.h"

namespace kic::e2e {
namespace {

using nlohmann::json;

class KubeApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    // Bookmarks only on request or at a watch's timeout, so tests need no timing.
    server_ = std::make_unique<KubeTestServerProcess>(
        std::vector<std::string>{"--crds", SharedDir() + "/kong-crds", "--bookmark-interval-ms", "3600000"},
        dir_->path());
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0) << "the server should shut down cleanly on SIGTERM";
    server_.reset();
    dir_.reset();
  }

  void SetUp() override {
    ASSERT_EQ(server_->error(), "");
    api_ = std::make_unique<ApiClient>(server_->port());
    // Each test gets a namespace named after it, so tests do not see each other's objects.
    ns_ = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (auto& c : ns_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    HttpResult r = api_->Post("/api/v1/namespaces", {{"metadata", {{"name", ns_}}}});
    ASSERT_EQ(r.status, 201) << r.raw;
  }
  void TearDown() override { api_->Call("POST", "/_test/fail?count=0"); }

  std::string ConfigMaps() const { return "/api/v1/namespaces/" + ns_ + "/configmaps"; }
  std::string Plugins() const {
    return "/apis/configuration.konghq.com/v1/namespaces/" + ns_ + "/kongplugins";
  }

  json CreateConfigMap(const std::string& name, const json& labels = json::object()) {
    HttpResult r = api_->Post(ConfigMaps(),
                              {{"metadata", {{"name", name}, {"labels", labels}}}, {"data", {{"k", "v"}}}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body;
  }

  static std::string Rv(const json& object) { return object["metadata"].value("resourceVersion", ""); }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<KubeTestServerProcess> server_;
  std::unique_ptr<ApiClient> api_;
  std::string ns_;
};

std::unique_ptr<TempDir> KubeApiTest::dir_;
std::unique_ptr<KubeTestServerProcess> KubeApiTest::server_;

std::vector<std::string> Names(const json& list) {
  std::vector<std::string> names;
  for (const auto& item : list.value("items", json::array())) {
    names.push_back(item.value(json::json_pointer("/metadata/name"), ""));
  }
  return names;
}

TEST_F(KubeApiTest, ServesDiscoveryAndVersion) {
  EXPECT_EQ(api_->Get("/version").body["minor"], "32");
  HttpResult core = api_->Get("/api/v1");
  ASSERT_EQ(core.status, 200);
  bool found_services = false;
  for (const auto& r : core.body["resources"]) {
    if (r["name"] == "services") {
      found_services = true;
      EXPECT_EQ(r["shortNames"], json({"svc"}));
    }
  }
  EXPECT_TRUE(found_services);
  HttpResult kong = api_->Get("/apis/configuration.konghq.com/v1");
  ASSERT_EQ(kong.status, 200);
  bool found_kp = false;
  for (const auto& r : kong.body["resources"]) {
    if (r["name"] == "kongplugins") {
      found_kp = true;
      EXPECT_EQ(r["shortNames"], json({"kp"}));
      EXPECT_EQ(r["namespaced"], true);
    }
  }
  EXPECT_TRUE(found_kp);
  EXPECT_TRUE(api_->Get("/openapi/v3").body["paths"].contains("apis/configuration.konghq.com/v1"));
  EXPECT_EQ(api_->Get("/_test/healthz").raw, "ok");
}

TEST_F(KubeApiTest, PagesThroughAConsistentSnapshot) {
  for (const char* name : {"a", "b", "c", "d", "e"}) CreateConfigMap(name);
  HttpResult first = api_->Get(ConfigMaps() + "?limit=2");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Names(first.body), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(first.body["metadata"]["remainingItemCount"], 3);
  std::string token = first.body["metadata"].value("continue", "");
  ASSERT_FALSE(token.empty());
  std::string snapshot_rv = first.body["metadata"]["resourceVersion"];

  CreateConfigMap("bb");  // after the snapshot: later pages must not show it
  std::vector<std::string> rest;
  while (!token.empty()) {
    HttpResult page = api_->Get(ConfigMaps() + "?limit=2&continue=" + token);
    ASSERT_EQ(page.status, 200) << page.raw;
    EXPECT_EQ(page.body["metadata"]["resourceVersion"], snapshot_rv);
    for (const auto& n : Names(page.body)) rest.push_back(n);
    token = page.body["metadata"].value("continue", "");
  }
  EXPECT_EQ(rest, (std::vector<std::string>{"c", "d", "e"}));
  EXPECT_EQ(Names(api_->Get(ConfigMaps()).body).size(), 6u);
}

TEST_F(KubeApiTest, FiltersByLabelAndFieldSelectors) {
  CreateConfigMap("one", {{"app", "a"}, {"tier", "x"}});
  CreateConfigMap("two", {{"app", "b"}});
  CreateConfigMap("three", {{"app", "c"}, {"gone", "yes"}});
  auto names = [&](const std::string& query) { return Names(api_->Get(ConfigMaps() + "?" + query).body); };
  EXPECT_EQ(names("labelSelector=app%3Da"), (std::vector<std::string>{"one"}));
  EXPECT_EQ(names("labelSelector=app%3D%3Db"), (std::vector<std::string>{"two"}));
  EXPECT_EQ(names("labelSelector=app%21%3Da"), (std::vector<std::string>{"three", "two"}));
  EXPECT_EQ(names("labelSelector=app+in+%28a%2Cc%29%2C%21gone"), (std::vector<std::string>{"one"}));
  EXPECT_EQ(names("labelSelector=tier+notin+%28x%29"), (std::vector<std::string>{"three", "two"}));
  EXPECT_EQ(names("labelSelector=tier"), (std::vector<std::string>{"one"}));
  EXPECT_EQ(names("fieldSelector=metadata.name%3Dtwo"), (std::vector<std::string>{"two"}));
  EXPECT_EQ(names("fieldSelector=metadata.name%21%3Dtwo"), (std::vector<std::string>{"one", "three"}));
  EXPECT_EQ(api_->Get(ConfigMaps() + "?labelSelector=a+in+%28b").status, 400);
}

TEST_F(KubeApiTest, WatchResumesAfterAResourceVersion) {
  json created = CreateConfigMap("w");
  json changed = created;
  changed["data"]["k"] = "v2";
  ASSERT_EQ(api_->Call("PUT", ConfigMaps() + "/w", changed.dump()).status, 200);
  ASSERT_EQ(api_->Call("DELETE", ConfigMaps() + "/w").status, 200);

  auto events = api_->Watch(ConfigMaps() + "?watch=true&timeoutSeconds=5&resourceVersion=" + Rv(created),
                            [](const std::vector<json>& e) { return e.size() >= 2; });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["type"], "MODIFIED");
  EXPECT_EQ(events[0]["object"]["data"]["k"], "v2");
  EXPECT_EQ(events[0]["object"]["kind"], "ConfigMap");
  EXPECT_EQ(events[1]["type"], "DELETED");
  EXPECT_GT(std::stoll(Rv(events[1]["object"])), std::stoll(Rv(events[0]["object"])));
}

TEST_F(KubeApiTest, WatchWithoutResourceVersionStartsWithTheCurrentState) {
  CreateConfigMap("x1");
  CreateConfigMap("x2");
  auto events = api_->Watch(ConfigMaps() + "?watch=1&timeoutSeconds=5",
                            [](const std::vector<json>& e) { return e.size() >= 2; });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["type"], "ADDED");
  EXPECT_EQ(events[0]["object"]["metadata"]["name"], "x1");
  EXPECT_EQ(events[1]["object"]["metadata"]["name"], "x2");
}

TEST_F(KubeApiTest, LiveWatchFollowsLabelSelectorTransitions) {
  int before = api_->Get("/_test/watches").body.value("active", 0);
  auto watching = std::async(std::launch::async, [&] {
    return api_->Watch(ConfigMaps() + "?watch=true&timeoutSeconds=10&labelSelector=app%3Dweb",
                       [](const std::vector<json>& e) { return e.size() >= 2; });
  });
  ASSERT_TRUE(api_->WaitForWatches(before + 1));
  CreateConfigMap("other", {{"app", "db"}});
  json web = CreateConfigMap("web", {{"app", "web"}});
  json relabeled = web;
  relabeled["metadata"]["labels"]["app"] = "db";
  ASSERT_EQ(api_->Call("PUT", ConfigMaps() + "/web", relabeled.dump()).status, 200);
  auto events = watching.get();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["type"], "ADDED");
  EXPECT_EQ(events[0]["object"]["metadata"]["name"], "web");
  EXPECT_EQ(events[1]["type"], "DELETED");  // left the selector
}

TEST_F(KubeApiTest, CompactionAnswersGone) {
  json old = CreateConfigMap("old");
  CreateConfigMap("older");
  HttpResult page = api_->Get(ConfigMaps() + "?limit=1");
  CreateConfigMap("new");
  ASSERT_EQ(api_->Call("POST", "/_test/compact").status, 200);

  HttpResult watch = api_->Get(ConfigMaps() + "?watch=true&resourceVersion=" + Rv(old));
  EXPECT_EQ(watch.status, 410);
  EXPECT_EQ(watch.body["reason"], "Expired");
  EXPECT_EQ(watch.body["code"], 410);
  HttpResult exact = api_->Get(ConfigMaps() + "?limit=5&resourceVersion=" + Rv(old));
  EXPECT_EQ(exact.status, 410);
  std::string token = page.body["metadata"].value("continue", "");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(api_->Get(ConfigMaps() + "?limit=1&continue=" + token).status, 410);
  // The current resourceVersion still works.
  std::string now = api_->Get(ConfigMaps()).body["metadata"]["resourceVersion"];
  auto events = api_->Watch(
      ConfigMaps() + "?watch=true&timeoutSeconds=1&allowWatchBookmarks=true&resourceVersion=" + now,
      [](const std::vector<json>& e) { return !e.empty(); });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], "BOOKMARK");
}

TEST_F(KubeApiTest, BookmarksCarryTheResourceVersion) {
  int before = api_->Get("/_test/watches").body.value("active", 0);
  auto watching = std::async(std::launch::async, [&] {
    return api_->Watch(ConfigMaps() +
                           "?watch=true&allowWatchBookmarks=true&timeoutSeconds=10&resourceVersion=" +
                           api_->Get(ConfigMaps()).body["metadata"].value("resourceVersion", ""),
                       [](const std::vector<json>& e) { return e.size() >= 2; });
  });
  ASSERT_TRUE(api_->WaitForWatches(before + 1));
  json created = CreateConfigMap("bm");
  // The bookmark is requested after the change, so the watch sends the change first.
  ASSERT_EQ(api_->Call("POST", "/_test/bookmarks").status, 200);
  auto events = watching.get();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["type"], "ADDED");
  EXPECT_EQ(events[1]["type"], "BOOKMARK");
  EXPECT_EQ(events[1]["object"]["kind"], "ConfigMap");
  EXPECT_GE(std::stoll(Rv(events[1]["object"])), std::stoll(Rv(created)));
  EXPECT_FALSE(events[1]["object"]["metadata"].contains("name"));
}

TEST_F(KubeApiTest, WatchEndsAtTimeoutWithABookmark) {
  auto events = api_->Watch(ConfigMaps() + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=1",
                            [](const std::vector<json>&) { return false; });
  ASSERT_EQ(events.size(), 1u);  // the stream ended by itself
  EXPECT_EQ(events[0]["type"], "BOOKMARK");
}

TEST_F(KubeApiTest, DroppingWatchesEndsStreams) {
  int before = api_->Get("/_test/watches").body.value("active", 0);
  auto watching = std::async(std::launch::async, [&] {
    return api_->Watch(ConfigMaps() + "?watch=true&timeoutSeconds=30",
                       [](const std::vector<json>&) { return false; });
  });
  ASSERT_TRUE(api_->WaitForWatches(before + 1));
  ASSERT_EQ(api_->Call("POST", "/_test/drop-watches").status, 200);
  EXPECT_TRUE(watching.get().empty());
}

TEST_F(KubeApiTest, InjectsFailuresAndStalls) {
  ASSERT_EQ(api_->Call("POST", "/_test/fail?code=429&count=2&retryAfter=3").status, 200);
  for (int i = 0; i < 2; ++i) {
    HttpResult r = api_->Get(ConfigMaps());
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.body["reason"], "TooManyRequests");
    EXPECT_EQ(r.body["details"]["retryAfterSeconds"], 3);
    auto retry = r.headers.find("Retry-After");
    ASSERT_NE(retry, r.headers.end());
    EXPECT_EQ(retry->second, "3");
  }
  EXPECT_EQ(api_->Get(ConfigMaps()).status, 200);

  ASSERT_EQ(api_->Call("POST", "/_test/fail?code=500&seconds=60").status, 200);
  EXPECT_EQ(api_->Get(ConfigMaps()).status, 500);
  EXPECT_EQ(api_->Get(ConfigMaps()).body["reason"], "InternalError");
  EXPECT_EQ(api_->Get("/_test/healthz").status, 200);  // the knobs are never failed
  ASSERT_EQ(api_->Call("POST", "/_test/fail?count=0").status, 200);
  EXPECT_EQ(api_->Get(ConfigMaps()).status, 200);

  ASSERT_EQ(api_->Call("POST", "/_test/stall?ms=20&count=1").status, 200);
  EXPECT_EQ(api_->Get(ConfigMaps()).status, 200);  // slow, not failed
}

TEST_F(KubeApiTest, RequiresTheTokenWhenSet) {
  ASSERT_EQ(api_->Call("POST", "/_test/token?value=s3cret").status, 200);
  HttpResult anonymous = api_->Get(ConfigMaps());
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.body["reason"], "Unauthorized");
  EXPECT_EQ(api_->Call("GET", ConfigMaps(), "", "", {{"Authorization", "Bearer wrong"}}).status, 401);
  EXPECT_EQ(api_->Call("GET", ConfigMaps(), "", "", {{"Authorization", "Bearer s3cret"}}).status, 200);
  ASSERT_EQ(api_->Call("DELETE", "/_test/token").status, 200);
  EXPECT_EQ(api_->Get(ConfigMaps()).status, 200);
}

TEST_F(KubeApiTest, StatusSubresourceAndGeneration) {
  HttpResult created = api_->Post(Plugins(), {{"apiVersion", "configuration.konghq.com/v1"},
                                              {"kind", "KongPlugin"},
                                              {"metadata", {{"name", "p"}}},
                                              {"plugin", "cors"},
                                              {"status", {{"conditions", json::array()}}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_FALSE(created.body.contains("status"));  // dropped at create
  EXPECT_EQ(created.body["metadata"]["generation"], 1);
  EXPECT_FALSE(created.body["metadata"].value("uid", "").empty());
  EXPECT_FALSE(created.body["metadata"].value("creationTimestamp", "").empty());

  json status = {{"conditions", {{{"type", "Programmed"}, {"status", "True"}}}}};
  json with_status = created.body;
  with_status["status"] = status;
  with_status["plugin"] = "ignored-by-status-write";
  HttpResult status_write = api_->Call("PUT", Plugins() + "/p/status", with_status.dump());
  ASSERT_EQ(status_write.status, 200) << status_write.raw;
  EXPECT_EQ(status_write.body["status"], status);
  EXPECT_EQ(status_write.body["plugin"], "cors");
  EXPECT_EQ(status_write.body["metadata"]["generation"], 1);
  EXPECT_NE(Rv(status_write.body), Rv(created.body));

  json main_write = status_write.body;
  main_write["status"] = json::object();  // ignored: main writes keep status
  main_write["metadata"]["labels"] = {{"x", "y"}};
  HttpResult labeled = api_->Call("PUT", Plugins() + "/p", main_write.dump());
  ASSERT_EQ(labeled.status, 200) << labeled.raw;
  EXPECT_EQ(labeled.body["status"], status);
  EXPECT_EQ(labeled.body["metadata"]["generation"], 1);  // metadata only

  HttpResult respecced =
      api_->Call("PATCH", Plugins() + "/p", R"({"plugin":"key-auth"})", "application/merge-patch+json");
  ASSERT_EQ(respecced.status, 200) << respecced.raw;
  EXPECT_EQ(respecced.body["metadata"]["generation"], 2);

  HttpResult status_patch =
      api_->Call("PATCH", Plugins() + "/p/status", R"({"status":{"conditions":[]},"plugin":"no"})",
                 "application/merge-patch+json");
  ASSERT_EQ(status_patch.status, 200) << status_patch.raw;
  EXPECT_EQ(status_patch.body["status"]["conditions"], json::array());
  EXPECT_EQ(status_patch.body["plugin"], "key-auth");
  EXPECT_EQ(status_patch.body["metadata"]["generation"], 2);
}

TEST_F(KubeApiTest, MergeJsonAndStrategicPatches) {
  CreateConfigMap("m");
  HttpResult merged = api_->Call("PATCH", ConfigMaps() + "/m", R"({"data":{"k":null,"n":"1"}})",
                                 "application/merge-patch+json");
  ASSERT_EQ(merged.status, 200) << merged.raw;
  EXPECT_EQ(merged.body["data"], json({{"n", "1"}}));

  HttpResult patched = api_->Call(
      "PATCH", ConfigMaps() + "/m",
      R"([{"op":"add","path":"/data/j","value":"2"},{"op":"replace","path":"/data/n","value":"3"}])",
      "application/json-patch+json");
  ASSERT_EQ(patched.status, 200) << patched.raw;
  EXPECT_EQ(patched.body["data"], json({{"j", "2"}, {"n", "3"}}));

  HttpResult failed =
      api_->Call("PATCH", ConfigMaps() + "/m", R"([{"op":"test","path":"/data/j","value":"9"}])",
                 "application/json-patch+json");
  EXPECT_EQ(failed.status, 422);

  std::string services = "/api/v1/namespaces/" + ns_ + "/services";
  ASSERT_EQ(
      api_->Post(services,
                 {{"metadata", {{"name", "s"}}},
                  {"spec", {{"ports", {{{"name", "a"}, {"port", 81}}, {{"name", "b"}, {"port", 82}}}}}}})
          .status,
      201);
  HttpResult smp = api_->Call(
      "PATCH", services + "/s",
      R"({"spec":{"$setElementOrder/ports":[{"port":81},{"port":83}],"ports":[{"name":"c","port":83},{"$patch":"delete","port":82}]}})",
      "application/strategic-merge-patch+json");
  ASSERT_EQ(smp.status, 200) << smp.raw;
  ASSERT_EQ(smp.body["spec"]["ports"].size(), 2u);
  EXPECT_EQ(smp.body["spec"]["ports"][0]["port"], 81);
  EXPECT_EQ(smp.body["spec"]["ports"][1]["port"], 83);

  ASSERT_EQ(api_->Post(Plugins(), {{"metadata", {{"name", "cr"}}}, {"plugin", "cors"}}).status, 201);
  HttpResult refused =
      api_->Call("PATCH", Plugins() + "/cr", R"({"plugin":"x"})", "application/strategic-merge-patch+json");
  EXPECT_EQ(refused.status, 415);
  EXPECT_EQ(refused.body["reason"], "UnsupportedMediaType");

  HttpResult applied = api_->Call(
      "PATCH", Plugins() + "/fresh?fieldManager=test",
      "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: fresh\nplugin: acl\n",
      "application/apply-patch+yaml");
  EXPECT_EQ(applied.status, 201) << applied.raw;
  EXPECT_EQ(applied.body["plugin"], "acl");
}

TEST_F(KubeApiTest, ConflictsAndMissingObjects) {
  json created = CreateConfigMap("c");
  HttpResult again = api_->Post(ConfigMaps(), {{"metadata", {{"name", "c"}}}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["reason"], "AlreadyExists");
  EXPECT_EQ(again.body["message"], "configmaps \"c\" already exists");

  json update = created;
  update["data"]["k"] = "new";
  ASSERT_EQ(api_->Call("PUT", ConfigMaps() + "/c", update.dump()).status, 200);
  HttpResult stale = api_->Call("PUT", ConfigMaps() + "/c", update.dump());  // same, now stale, RV
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body["reason"], "Conflict");

  HttpResult unchanged = api_->Get(ConfigMaps() + "/c");
  HttpResult noop = api_->Call("PUT", ConfigMaps() + "/c", unchanged.body.dump());
  EXPECT_EQ(Rv(noop.body), Rv(unchanged.body));  // no-op writes keep the resourceVersion

  HttpResult missing = api_->Get(ConfigMaps() + "/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["reason"], "NotFound");
  EXPECT_EQ(api_->Call("DELETE", ConfigMaps() + "/nope").status, 404);
  HttpResult no_ns = api_->Post("/api/v1/namespaces/absent/configmaps", {{"metadata", {{"name", "x"}}}});
  EXPECT_EQ(no_ns.status, 404);
  EXPECT_EQ(no_ns.body["message"], "namespaces \"absent\" not found");
}

TEST_F(KubeApiTest, FinalizersDeferDeletion) {
  HttpResult created =
      api_->Post(ConfigMaps(), {{"metadata", {{"name", "f"}, {"finalizers", {"test/keep"}}}}});
  ASSERT_EQ(created.status, 201);
  HttpResult deleting = api_->Call("DELETE", ConfigMaps() + "/f");
  ASSERT_EQ(deleting.status, 200);
  EXPECT_TRUE(deleting.body["metadata"].contains("deletionTimestamp"));
  EXPECT_EQ(api_->Get(ConfigMaps() + "/f").status, 200);
  ASSERT_EQ(api_->Call("PATCH", ConfigMaps() + "/f", R"({"metadata":{"finalizers":null}})",
                       "application/merge-patch+json")
                .status,
            200);
  EXPECT_EQ(api_->Get(ConfigMaps() + "/f").status, 404);
}

TEST_F(KubeApiTest, DeletingANamespaceDeletesItsObjects) {
  CreateConfigMap("inside");
  ASSERT_EQ(api_->Call("DELETE", "/api/v1/namespaces/" + ns_).status, 200);
  EXPECT_EQ(api_->Get(ConfigMaps() + "/inside").status, 404);
  EXPECT_EQ(api_->Get("/api/v1/namespaces/" + ns_).status, 404);
}

}  // namespace
}  // namespace kic::e2e
