// Drives the real kubectl against kube-test-server: apply, get, get by short name, re-apply with a
// change, delete, and get -w.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "http_helpers.h"
#include "test_server.h"

namespace kic::e2e {
namespace {

using nlohmann::json;

std::string Testdata(const std::string& name) {
  return std::string(KIC_SOURCE_DIR) + "/tests/e2e/kubectl/testdata/" + name;
}

class KubectlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kubectl_ = FindKubectl();
    if (kubectl_.empty()) GTEST_SKIP() << "kubectl is not installed; skipping the kubectl e2e tests";
    dir_ = std::make_unique<TempDir>();
    server_ = std::make_unique<KubeTestServerProcess>(
        std::vector<std::string>{"--crds", SharedDir() + "/kong-crds", "--crds",
                                 SharedDir() + "/gateway-api-crds"},
        dir_->path());
    ASSERT_EQ(server_->error(), "");
    api_ = std::make_unique<ApiClient>(server_->port());
    std::filesystem::create_directories(dir_->path() + "/home");
  }

  std::vector<std::string> Argv(const std::vector<std::string>& args) const {
    // A fresh discovery cache per server (kubectl caches per host:port for 6 hours).
    std::vector<std::string> argv = {kubectl_, "--server=" + server_->url(),
                                     "--cache-dir=" + dir_->path() + "/cache"};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  std::map<std::string, std::string> Env() const {
    return {{"HOME", dir_->path() + "/home"}, {"KUBECONFIG", ""}};
  }

  CommandResult Kubectl(const std::vector<std::string>& args) {
    return RunCommand(Argv(args), dir_->path(), Env(), std::chrono::seconds(60));
  }

  json GetJson(const std::string& kind, const std::string& name) {
    CommandResult r = Kubectl({"get", kind, name, "-o", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }

  std::string kubectl_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<KubeTestServerProcess> server_;
  std::unique_ptr<ApiClient> api_;
};

TEST_F(KubectlTest, ApplyGetChangeAndDelete) {
  CommandResult applied = Kubectl({"apply", "-f", Testdata("demo.yaml")});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  for (const char* line :
       {"service/echo created", "endpointslice.discovery.k8s.io/echo-abc12 created",
        "secret/demo-tls created", "kongplugin.configuration.konghq.com/rate-limit created",
        "ingress.networking.k8s.io/demo created", "httproute.gateway.networking.k8s.io/demo-route created"}) {
    EXPECT_NE(applied.out.find(line), std::string::npos) << line << "\n" << applied.out;
  }

  json ingress = GetJson("ingress", "demo");
  EXPECT_EQ(ingress["spec"]["rules"][0]["host"], "demo.example.com");
  EXPECT_EQ(ingress["spec"]["ingressClassName"], "kong");
  EXPECT_EQ(ingress["metadata"]["generation"], 1);
  EXPECT_EQ(ingress["metadata"]["annotations"]["konghq.com/plugins"], "rate-limit");
  json service = GetJson("service", "echo");
  EXPECT_EQ(service["spec"]["ports"][0]["port"], 80);
  EXPECT_EQ(service["spec"]["ports"][0]["targetPort"], 8080);
  json slice = GetJson("endpointslices", "echo-abc12");
  EXPECT_EQ(slice["endpoints"][0]["addresses"][0], "10.0.0.1");
  EXPECT_EQ(slice["metadata"]["labels"]["kubernetes.io/service-name"], "echo");
  json secret = GetJson("secret", "demo-tls");
  EXPECT_EQ(secret["data"]["token"], "czNjcjN0");  // stringData folded into base64 data
  EXPECT_FALSE(secret.contains("stringData"));
  json plugin = GetJson("kongplugin", "rate-limit");
  EXPECT_EQ(plugin["plugin"], "rate-limiting");
  EXPECT_EQ(plugin["config"]["minute"], 5);
  json route = GetJson("httproute", "demo-route");
  EXPECT_EQ(route["spec"]["hostnames"][0], "route.example.com");
  EXPECT_EQ(route["apiVersion"], "gateway.networking.k8s.io/v1");

  CommandResult short_name = Kubectl({"get", "kp"});
  ASSERT_EQ(short_name.exit_code, 0) << short_name.err;
  EXPECT_NE(short_name.out.find("NAME"), std::string::npos);
  EXPECT_NE(short_name.out.find("rate-limit"), std::string::npos);
  EXPECT_NE(short_name.out.find("rate-limiting"), std::string::npos);  // the CRD's Plugin-Type column
  CommandResult all = Kubectl({"get", "ing,kp,httproutes", "-A"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("NAMESPACE"), std::string::npos);
  EXPECT_NE(all.out.find("demo-route"), std::string::npos);

  CommandResult changed = Kubectl({"apply", "-f", Testdata("demo-changed.yaml")});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(changed.out.find("kongplugin.configuration.konghq.com/rate-limit configured"), std::string::npos)
      << changed.out;
  EXPECT_NE(changed.out.find("ingress.networking.k8s.io/demo configured"), std::string::npos);
  EXPECT_NE(changed.out.find("service/echo unchanged"), std::string::npos);
  json plugin2 = GetJson("kp", "rate-limit");
  EXPECT_EQ(plugin2["config"]["minute"], 10);
  EXPECT_EQ(plugin2["metadata"]["generation"], 2);
  EXPECT_NE(plugin2["metadata"]["resourceVersion"], plugin["metadata"]["resourceVersion"]);
  EXPECT_EQ(plugin2["metadata"]["uid"], plugin["metadata"]["uid"]);
  json ingress2 = GetJson("ingress", "demo");
  EXPECT_EQ(ingress2["spec"]["rules"][0]["host"], "demo2.example.com");
  EXPECT_EQ(ingress2["metadata"]["generation"], 2);
  json service2 = GetJson("service", "echo");
  EXPECT_EQ(service2["metadata"]["resourceVersion"], service["metadata"]["resourceVersion"]);  // unchanged

  CommandResult annotated = Kubectl({"annotate", "kp", "rate-limit", "team=edge"});
  ASSERT_EQ(annotated.exit_code, 0) << annotated.err;
  EXPECT_EQ(GetJson("kp", "rate-limit")["metadata"]["generation"], 2);  // metadata does not bump it

  CommandResult deleted = Kubectl({"delete", "-f", Testdata("demo.yaml")});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_NE(deleted.out.find("kongplugin.configuration.konghq.com \"rate-limit\" deleted"), std::string::npos)
      << deleted.out;
  CommandResult gone = Kubectl({"get", "ingress", "demo"});
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("Error from server (NotFound): ingresses.networking.k8s.io \"demo\" not found"),
            std::string::npos)
      << gone.err;
}

TEST_F(KubectlTest, CreateCommandsThatSendProtobuf) {
  CommandResult ns = Kubectl({"create", "namespace", "team"});
  ASSERT_EQ(ns.exit_code, 0) << ns.err;
  CommandResult secret =
      Kubectl({"-n", "team", "create", "secret", "generic", "creds", "--from-literal=user=admin"});
  ASSERT_EQ(secret.exit_code, 0) << secret.err;
  CommandResult config =
      Kubectl({"-n", "team", "create", "configmap", "settings", "--from-literal=mode=fast"});
  ASSERT_EQ(config.exit_code, 0) << config.err;
  json created = GetJson("namespace", "team");
  EXPECT_EQ(created["status"]["phase"], "Active");
  CommandResult got = Kubectl({"-n", "team", "get", "secret", "creds", "-o", "json"});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  json s = json::parse(got.out, nullptr, false);
  EXPECT_EQ(s["data"]["user"], "YWRtaW4=");
  EXPECT_EQ(s["type"], "Opaque");
  got = Kubectl({"-n", "team", "get", "configmap", "settings", "-o", "json"});
  EXPECT_EQ(json::parse(got.out, nullptr, false)["data"]["mode"], "fast");
  CommandResult deleted = Kubectl({"delete", "namespace", "team"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(Kubectl({"-n", "team", "get", "secret", "creds"}).exit_code, 1);
}

TEST_F(KubectlTest, GetWatchPrintsChanges) {
  std::string out = dir_->path() + "/watch.out";
  Subprocess watch(Argv({"get", "kp", "-w", "--output-watch-events"}), out, dir_->path() + "/watch.err",
                   Env());
  ASSERT_TRUE(watch.started());
  ASSERT_TRUE(api_->WaitForWatches(1)) << ReadFile(dir_->path() + "/watch.err");

  std::string plugins = "/apis/configuration.konghq.com/v1/namespaces/default/kongplugins";
  ASSERT_EQ(api_->Post(plugins, {{"metadata", {{"name", "watched"}}}, {"plugin", "cors"}}).status, 201);
  ASSERT_EQ(
      api_->Call("PATCH", plugins + "/watched", R"({"plugin":"key-auth"})", "application/merge-patch+json")
          .status,
      200);
  CommandResult deleted = Kubectl({"delete", "kp", "watched"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;

  // Bounded wait for kubectl to print the last event.
  std::string printed;
  for (int attempt = 0; attempt < 1000 && printed.find("DELETED") == std::string::npos; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    printed = ReadFile(out);
  }
  watch.Stop(SIGTERM, std::chrono::seconds(10));
  std::vector<std::string> lines;
  std::string line;
  for (char c : printed) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  ASSERT_EQ(lines.size(), 4u) << printed;
  EXPECT_EQ(lines[0].rfind("EVENT", 0), 0u) << lines[0];
  auto expect_row = [&](const std::string& row, const std::string& event, const std::string& plugin) {
    EXPECT_EQ(row.rfind(event, 0), 0u) << row;
    EXPECT_NE(row.find("watched"), std::string::npos) << row;
    EXPECT_NE(row.find(plugin), std::string::npos) << row;
  };
  expect_row(lines[1], "ADDED", "cors");
  expect_row(lines[2], "MODIFIED", "key-auth");
  expect_row(lines[3], "DELETED", "key-auth");
}

}  // namespace
}  // namespace kic::e2e
