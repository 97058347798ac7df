// `kic run` against kube-test-server and kong-test-admin, all on loopback: objects created through
// the API end up in Kong; EndpointSlice changes, broken objects, a Kong that restarts empty and
// leader election behave as KIC's do. Skips when a binary is missing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "harness.h"
#include "kong/admin/client.h"
#include "kube/client/rest_client.h"

namespace kic::controller::e2e {
namespace {

using nlohmann::json;

std::string Binary(const std::string& relative) {
  return std::string(KIC_BINARY_DIR) + "/" + relative;
}
bool Exists(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}
// The Gateway API CRDs users install; ../shared beside the repository.
std::string GatewayCrds() {
  return std::string(KIC_SOURCE_DIR) + "/../shared/gateway-api-crds";
}

json IngressJson(const std::string& name, const std::string& path) {
  return json::parse(
      R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":")" + name +
      R"(","namespace":"default"},"spec":{"ingressClassName":"kong","rules":[{"host":"example.com",
      "http":{"paths":[{"path":")" +
      path +
      R"(","pathType":"ImplementationSpecific","backend":{"service":{"name":"echo","port":{"number":80}}}}]}}]}})");
}

json SliceJson(const std::vector<std::string>& addresses) {
  json slice =
      json::parse(R"({"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"echo-1",
      "namespace":"default","labels":{"kubernetes.io/service-name":"echo"}},"addressType":"IPv4","endpoints":[],
      "ports":[{"name":"http","port":8080,"protocol":"TCP"}]})");
  for (const auto& a : addresses)
    slice["endpoints"].push_back({{"addresses", {a}}, {"conditions", {{"ready", true}}}});
  return slice;
}

const json kService =
    json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"echo","namespace":"default"},
    "spec":{"clusterIP":"10.0.0.10","ports":[{"name":"http","port":80,"targetPort":8080}]}})");

// Route paths and target addresses of a Kong config, for compact assertions.
std::vector<std::string> Paths(const json& config) {
  std::vector<std::string> out;
  if (!config.is_object()) return out;
  for (const auto& s : config.value("services", json::array()))
    for (const auto& r : s.value("routes", json::array()))
      for (const auto& p : r.value("paths", json::array())) out.push_back(p);
  std::sort(out.begin(), out.end());
  return out;
}
std::vector<std::string> Targets(const json& config) {
  std::vector<std::string> out;
  if (!config.is_object()) return out;
  for (const auto& u : config.value("upstreams", json::array()))
    for (const auto& t : u.value("targets", json::array())) out.push_back(t.value("target", ""));
  std::sort(out.begin(), out.end());
  return out;
}

class Kong {
 public:
  bool Start(int port = 0) {
    const auto address =
        process_.Start({Binary("tests/kong-test-admin"), "--listen", "127.0.0.1:" + std::to_string(port)}, {},
                       "", "listening on ");
    if (address.empty()) return false;
    url_ = "http://" + address;
    port_ = std::stoi(address.substr(address.rfind(':') + 1));
    return true;
  }
  int Stop() { return process_.Stop(); }
  const std::string& url() const { return url_; }
  int port() const { return port_; }
  json Stats() const {
    const auto r = Client().Get("/_test/stats");
    return r.status == 200 ? json::parse(r.body, nullptr, false) : json();
  }
  int ConfigPosts() const {
    const auto stats = Stats();
    return stats.is_object() ? stats.value("config_posts", 0) : -1;
  }
  // The config Kong holds now (null when none).
  json Applied() const {
    const auto r = Client().Get("/config");
    const auto body = r.status == 200 ? json::parse(r.body, nullptr, false) : json();
    if (!body.is_object() || !body["config"].is_string()) return json();
    return json::parse(body["config"].get<std::string>(), nullptr, false);
  }
  void Post(const std::string& path, const std::string& body = "") const { Client().Post(path, body); }

 private:
  kong::admin::AdminClient Client() const {
    kong::admin::ClientOptions options;
    options.base_url = url_;
    return kong::admin::AdminClient(options);
  }
  ChildProcess process_;
  std::string url_;
  int port_ = 0;
};

class ControllerE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto* b : {"kic", "tests/kube-test-server", "tests/kong-test-admin"}) {
      if (!Exists(Binary(b))) GTEST_SKIP() << Binary(b) << " not built";
    }
    dir_ = MakeTempDir();
    std::vector<std::string> server{Binary("tests/kube-test-server"), "--listen", "127.0.0.1:0"};
    if (Exists(GatewayCrds())) server.insert(server.end(), {"--crds", GatewayCrds()});
    const auto address = kube_.Start(server, {}, "", "listening on ");
    ASSERT_FALSE(address.empty()) << kube_.error();
    kube_url_ = "http://" + address;
    kube::client::ConnectionConfig config;
    config.server = kube_url_;
    api_ = std::make_unique<kube::client::RestClient>(config);
  }

  void TearDown() override {
    // Keep the logs of a failed test for inspection.
    if (!HasFailure() && dir_.rfind("/tmp/kic-e2e-", 0) == 0) std::filesystem::remove_all(dir_);
  }

  // Starts `kic run` with test-speed settings; `extra` adds or overrides flags.
  void StartController(ChildProcess& child, const std::string& name,
                       const std::vector<std::string>& kong_urls, std::vector<std::string> extra = {}) {
    std::string urls;
    for (const auto& u : kong_urls) urls += (urls.empty() ? "" : ",") + u;
    std::vector<std::string> argv{Binary("kic"),
                                  "run",
                                  "--apiserver-host",
                                  kube_url_,
                                  "--kong-admin-url",
                                  urls,
                                  "--init-cache-sync-duration",
                                  "0s",
                                  "--proxy-sync-seconds",
                                  "0.2",
                                  "--debounce",
                                  "10ms",
                                  "--kong-admin-init-retries",
                                  "100",
                                  "--kong-admin-init-retry-delay",
                                  "50ms",
                                  "--kong-push-attempts",
                                  "2",
                                  "--kong-push-retry-delay",
                                  "20ms",
                                  "--kong-push-retry-max-delay",
                                  "50ms",
                                  "--health-probe-bind-address",
                                  "127.0.0.1:0",
                                  "--metrics-bind-address",
                                  "127.0.0.1:0",
                                  "--publish-status-address",
                                  "192.0.2.10",
                                  "--feature-gates",
                                  "FallbackConfiguration=true",
                                  "--log-level",
                                  "debug"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const std::map<std::string, std::string> env{{"HOME", dir_},
                                                 {"KUBECONFIG", ""},
                                                 {"KUBERNETES_SERVICE_HOST", ""},
                                                 {"POD_NAME", name},
                                                 {"POD_NAMESPACE", "default"}};
    ASSERT_EQ(child.Start(argv, env, dir_ + "/" + name + ".log"), "started");
  }
  std::string Log(const std::string& name) { return ReadFile(dir_ + "/" + name + ".log"); }
  int PortFromLog(const std::string& name, const std::string& what) {
    std::smatch match;
    const auto log = Log(name);
    const std::regex pattern(what + " listening on [^:]+:([0-9]+)");
    return std::regex_search(log, match, pattern) ? std::stoi(match[1]) : 0;
  }

  void Create(const std::string& collection, const json& object) {
    const auto r = api_->Post(collection, object.dump());
    ASSERT_TRUE(r.ok()) << r.Describe();
  }
  void Replace(const std::string& path, json object) {
    const auto current = api_->Get(path);
    ASSERT_TRUE(current.ok()) << current.Describe();
    object["metadata"]["resourceVersion"] = json::parse(current.body)["metadata"]["resourceVersion"];
    const auto r = api_->Put(path, object.dump());
    ASSERT_TRUE(r.ok()) << r.Describe();
  }
  json Events() {
    const auto r = api_->Get("/api/v1/namespaces/default/events");
    return r.ok() ? json::parse(r.body).value("items", json::array()) : json::array();
  }
  bool HasEvent(const std::string& reason, const std::string& object_name) {
    for (const auto& e : Events()) {
      if (e.value("reason", "") == reason && e["involvedObject"].value("name", "") == object_name)
        return true;
    }
    return false;
  }
  void CreateEchoBackend() {
    Create("/api/v1/namespaces/default/services", kService);
    Create("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices", SliceJson({"10.1.0.1"}));
  }

  std::string dir_;
  ChildProcess kube_;
  std::string kube_url_;
  std::unique_ptr<kube::client::RestClient> api_;
};

TEST_F(ControllerE2E, KeepsKongConfiguredThroughChangesFailuresAndRestarts) {
  Kong kong;
  ASSERT_TRUE(kong.Start());
  CreateEchoBackend();
  Create("/apis/networking.k8s.io/v1/namespaces/default/ingresses", IngressJson("a", "/a"));
  ChildProcess kic;
  StartController(kic, "kic", {kong.url()});

  // 1. The objects are configured, the Pod gets a success Event, the Ingress gets its address.
  ASSERT_TRUE(Eventually([&] { return Paths(kong.Applied()) == std::vector<std::string>{"/a"}; }))
      << Log("kic");
  EXPECT_EQ(Targets(kong.Applied()), std::vector<std::string>{"10.1.0.1:8080"});
  EXPECT_TRUE(Eventually([&] { return HasEvent("KongConfigurationSucceeded", "kic"); }));
  EXPECT_TRUE(Eventually([&] {
    const auto r = api_->Get("/apis/networking.k8s.io/v1/namespaces/default/ingresses/a");
    const auto lb = json::parse(r.body).value("status", json::object()).value("loadBalancer", json::object());
    return lb.value("ingress", json::array()).dump() == R"([{"ip":"192.0.2.10"}])";
  })) << Log("kic");

  // Health and metrics answer on the ports the controller logged.
  {
    kong::admin::ClientOptions options;
    options.base_url = "http://127.0.0.1:" + std::to_string(PortFromLog("kic", "health probes"));
    const kong::admin::AdminClient probes(options);
    EXPECT_EQ(probes.Get("/healthz").status, 200);
    EXPECT_EQ(probes.Get("/readyz").status, 200);
    options.base_url = "http://127.0.0.1:" + std::to_string(PortFromLog("kic", "metrics"));
    const auto metrics = kong::admin::AdminClient(options).Get("/metrics");
    EXPECT_NE(metrics.body.find("ingress_controller_configuration_push_count{"), std::string::npos);
  }

  // 2. An EndpointSlice change: a new push whose only difference is the target.
  const auto before = kong.Applied();
  Replace("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/echo-1",
          SliceJson({"10.1.0.1", "10.1.0.2"}));
  ASSERT_TRUE(Eventually([&] { return Targets(kong.Applied()).size() == 2; })) << Log("kic");
  auto after = kong.Applied();
  EXPECT_EQ(Targets(after), (std::vector<std::string>{"10.1.0.1:8080", "10.1.0.2:8080"}));
  auto strip_targets = [](json config) {
    for (auto& u : config["upstreams"]) u.erase("targets");
    return config;
  };
  EXPECT_EQ(strip_targets(after), strip_targets(before));

  // 3. A broken object: an Event on it, and a fallback config that keeps every other route.
  kong.Post("/_test/broken", R"([{"kind":"Ingress","namespace":"default","name":"bad"}])");
  Create("/apis/networking.k8s.io/v1/namespaces/default/ingresses", IngressJson("b", "/b"));
  Create("/apis/networking.k8s.io/v1/namespaces/default/ingresses", IngressJson("bad", "/bad"));
  ASSERT_TRUE(Eventually([&] { return HasEvent("KongConfigurationApplyFailed", "bad"); })) << Log("kic");
  ASSERT_TRUE(Eventually([&] {
    return Paths(kong.Applied()) == std::vector<std::string>{"/a", "/b"};
  })) << Log("kic");
  EXPECT_TRUE(Eventually([&] { return HasEvent("FallbackKongConfigurationSucceeded", "kic"); }));

  // 4. Kong forgets its configuration (still rejecting "bad"): the fallback comes back.
  const int posts = kong.ConfigPosts();
  kong.Post("/_test/restart");
  ASSERT_TRUE(Eventually([&] { return kong.ConfigPosts() > posts; })) << Log("kic");
  ASSERT_TRUE(Eventually([&] {
    return Paths(kong.Applied()) == std::vector<std::string>{"/a", "/b"};
  })) << Log("kic");

  // 5. Kong is stopped, and a new, empty one (which rejects nothing) starts on the same port: it
  // gets the configuration, now with every Ingress.
  const int port = kong.port();
  kong.Stop();
  ASSERT_TRUE(kong.Start(port));
  ASSERT_TRUE(Eventually([&] {
    return Paths(kong.Applied()) == std::vector<std::string>{"/a", "/b", "/bad"};
  })) << Log("kic");

  EXPECT_EQ(kic.Stop(), 0) << Log("kic");
  EXPECT_NE(Log("kic").find("stopped"), std::string::npos);
}

TEST_F(ControllerE2E, WithLeaderElectionOnlyTheLeaderPushes) {
  Kong kong_a, kong_b;
  ASSERT_TRUE(kong_a.Start());
  ASSERT_TRUE(kong_b.Start());
  CreateEchoBackend();
  Create("/apis/networking.k8s.io/v1/namespaces/default/ingresses", IngressJson("a", "/a"));
  const std::vector<std::string> election{
      "--force-leader-election",   "enabled", "--election-lease-duration", "1s",
      "--election-renew-deadline", "600ms",   "--election-retry-period",   "100ms"};
  ChildProcess first, second;
  StartController(first, "first", {kong_a.url()}, election);
  ASSERT_TRUE(Eventually([&] { return kong_a.ConfigPosts() > 0; })) << Log("first");
  StartController(second, "second", {kong_b.url()}, election);
  // The second controller runs (its watches sync, it campaigns) but never pushes while the first leads.
  ASSERT_TRUE(Eventually([&] { return Log("second").find("leader election on") != std::string::npos; }));
  Create("/apis/networking.k8s.io/v1/namespaces/default/ingresses", IngressJson("b", "/b"));
  ASSERT_TRUE(Eventually([&] { return Paths(kong_a.Applied()) == std::vector<std::string>{"/a", "/b"}; }));
  EXPECT_EQ(kong_b.ConfigPosts(), 0) << Log("second");

  // The leader stops and releases the lease: the other takes over and pushes.
  EXPECT_EQ(first.Stop(), 0) << Log("first");
  ASSERT_TRUE(Eventually([&] {
    return Paths(kong_b.Applied()) == std::vector<std::string>{"/a", "/b"};
  })) << Log("second");
  EXPECT_EQ(second.Stop(), 0) << Log("second");
}

// Gateway API status goes to the API server after the push: GatewayClass, Gateway (listeners,
// attachedRoutes) and the route's parents, with lastTransitionTime; another controller's parent
// entry is left alone, and ours is pruned when the route stops referencing our Gateway.
TEST_F(ControllerE2E, WritesGatewayApiStatusAndPrunesStaleParents) {
  if (!Exists(GatewayCrds())) GTEST_SKIP() << GatewayCrds() << " is not there (clone beside shared/)";
  const std::string gw = "/apis/gateway.networking.k8s.io/v1";
  Kong kong;
  ASSERT_TRUE(kong.Start());
  CreateEchoBackend();
  Create(gw + "/gatewayclasses",
         json::parse(R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass",
      "metadata":{"name":"kong","annotations":{"konghq.com/gatewayclass-unmanaged":"true"}},
      "spec":{"controllerName":"konghq.com/kic-gateway-controller"}})"));
  Create(gw + "/gatewayclasses",
         json::parse(R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass",
      "metadata":{"name":"theirs"},"spec":{"controllerName":"example.com/other"}})"));
  for (const auto& [name, cls] : {std::pair{"kong", "kong"}, std::pair{"other", "theirs"}}) {
    Create(gw + "/namespaces/default/gateways",
           json{{"apiVersion", "gateway.networking.k8s.io/v1"},
                {"kind", "Gateway"},
                {"metadata", {{"name", name}, {"namespace", "default"}}},
                {"spec",
                 {{"gatewayClassName", cls},
                  {"listeners", json::array({{{"name", "http"}, {"port", 80}, {"protocol", "HTTP"}}})}}}});
  }
  auto route = json::parse(R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute",
      "metadata":{"name":"r","namespace":"default"},
      "spec":{"parentRefs":[{"name":"kong"},{"name":"other"}],
              "rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/r"}}],
                        "backendRefs":[{"name":"echo","port":80}]}]}})");
  Create(gw + "/namespaces/default/httproutes", route);
  const std::string route_path = gw + "/namespaces/default/httproutes/r";
  // The other controller has already written its entry.
  const json theirs = json::parse(R"({"controllerName":"example.com/other",
      "parentRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"other"},
      "conditions":[{"type":"Accepted","status":"True","reason":"Accepted","message":"",
                     "lastTransitionTime":"2026-01-01T00:00:00Z","observedGeneration":1}]})");
  ASSERT_TRUE(api_->Patch(route_path + "/status", json{{"status", {{"parents", {theirs}}}}}.dump(),
                          kube::client::kMergePatch)
                  .ok());

  ChildProcess kic;
  StartController(kic, "kic", {kong.url()});
  ASSERT_TRUE(Eventually([&] {
    return Paths(kong.Applied()) == std::vector<std::string>{"/r/", "~/r$"};
  })) << Log("kic");

  auto status_of = [&](const std::string& path) {
    const auto r = api_->Get(path);
    return r.ok() ? json::parse(r.body).value("status", json::object()) : json::object();
  };
  auto condition = [](const json& conditions, const std::string& type) {
    for (const auto& c : conditions)
      if (c.value("type", "") == type) return c;
    return json::object();
  };
  ASSERT_TRUE(Eventually([&] { return status_of(route_path).value("parents", json::array()).size() == 2; }))
      << Log("kic");
  const json parents = status_of(route_path)["parents"];
  EXPECT_EQ(parents[0], theirs);
  EXPECT_EQ(parents[1]["controllerName"], "konghq.com/kic-gateway-controller");
  EXPECT_EQ(parents[1]["parentRef"]["name"], "kong");
  const json accepted = condition(parents[1]["conditions"], "Accepted");
  EXPECT_EQ(accepted.value("status", ""), "True");
  EXPECT_TRUE(accepted.contains("lastTransitionTime"));

  ASSERT_TRUE(Eventually([&] {
    const json status = status_of(gw + "/namespaces/default/gateways/kong");
    return condition(status.value("conditions", json::array()), "Programmed").value("status", "") == "True";
  })) << Log("kic");
  const json gateway = status_of(gw + "/namespaces/default/gateways/kong");
  ASSERT_EQ(gateway.value("listeners", json::array()).size(), 1u);
  EXPECT_EQ(gateway["listeners"][0].value("attachedRoutes", -1), 1);
  EXPECT_TRUE(condition(gateway["conditions"], "Programmed").contains("lastTransitionTime"));
  EXPECT_EQ(condition(status_of(gw + "/gatewayclasses/kong").value("conditions", json::array()), "Accepted")
                .value("status", ""),
            "True");
  // Not ours: untouched.
  EXPECT_FALSE(status_of(gw + "/namespaces/default/gateways/other").contains("conditions"));
  EXPECT_FALSE(status_of(gw + "/gatewayclasses/theirs").contains("conditions"));

  // The route leaves our Gateway: its routes leave Kong and our parent entry is pruned.
  route["spec"]["parentRefs"] = json::array({{{"name", "other"}}});
  Replace(route_path, route);
  ASSERT_TRUE(Eventually([&] { return Paths(kong.Applied()).empty(); })) << Log("kic");
  ASSERT_TRUE(Eventually([&] { return status_of(route_path).value("parents", json::array()).size() == 1; }))
      << Log("kic");
  EXPECT_EQ(status_of(route_path)["parents"][0], theirs);
  EXPECT_EQ(kic.Stop(), 0) << Log("kic");
}

// The way users drive it: manifests applied and deleted with the real kubectl. An API server
// "restart" (history compacted, every watch cut mid-stream, 503s for two seconds) makes the
// controller relist the same objects: nothing is pushed again, and watching goes on afterwards.
TEST_F(ControllerE2E, KubectlAppliedManifestsAndAnApiServerRestart) {
  const std::string kubectl = "/usr/bin/kubectl";
  if (!Exists(kubectl)) GTEST_SKIP() << kubectl << " is not installed";
  auto run_kubectl = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {kubectl, "--server=" + kube_url_});
    ChildProcess child;
    if (child.Start(args, {{"HOME", dir_}}, dir_ + "/kubectl.log") != "started") return -1;
    return child.Wait();
  };
  Kong kong;
  ASSERT_TRUE(kong.Start());
  ChildProcess kic;
  StartController(kic, "kic", {kong.url()});
  ASSERT_TRUE(Eventually([&] { return kong.ConfigPosts() > 0; })) << Log("kic");

  const std::string manifest = std::string(KIC_SOURCE_DIR) + "/tests/e2e/controller/testdata/echo-k.yaml";
  ASSERT_EQ(run_kubectl({"apply", "-f", manifest}), 0) << ReadFile(dir_ + "/kubectl.log");
  ASSERT_TRUE(Eventually([&] { return Paths(kong.Applied()) == std::vector<std::string>{"/k"}; }))
      << Log("kic");
  EXPECT_EQ(Targets(kong.Applied()), std::vector<std::string>{"10.2.0.1:8080"});

  const int posts = kong.ConfigPosts();
  kube::client::ConnectionConfig config;
  config.server = kube_url_;
  kube::client::RestClient controls(config);
  ASSERT_TRUE(controls.Post("/_test/compact", "").ok());
  ASSERT_TRUE(controls.Post("/_test/fail?code=503&seconds=2", "").ok());
  ASSERT_TRUE(controls.Post("/_test/drop-watches?abrupt=true", "").ok());
  // A window for a spurious push: past the failures, through the relists and new watches.
  std::this_thread::sleep_for(std::chrono::seconds(5));
  EXPECT_EQ(kong.ConfigPosts(), posts) << Log("kic");

  // Still watching: a delete through kubectl takes the route out.
  ASSERT_EQ(run_kubectl({"delete", "ingress", "k"}), 0) << ReadFile(dir_ + "/kubectl.log");
  ASSERT_TRUE(Eventually([&] { return Paths(kong.Applied()).empty(); })) << Log("kic");
  EXPECT_EQ(kic.Stop(), 0) << Log("kic");
}

// KIC translates every referenced Secret whatever --secret-label-selector says: an unlabelled TLS
// Secret an Ingress names still becomes a certificate.
TEST_F(ControllerE2E, SecretLabelSelectorKeepsReferencedSecrets) {
  Kong kong;
  ASSERT_TRUE(kong.Start());
  ChildProcess kic;
  StartController(kic, "kic", {kong.url()}, {"--secret-label-selector", "konghq.com/secret"});
  CreateEchoBackend();
  // A certificate and key that match, from a golden case.
  const std::string golden =
      ReadFile(std::string(KIC_SOURCE_DIR) + "/tests/golden/cases/tls-shared-secret/in.yaml");
  std::smatch crt, key;
  ASSERT_TRUE(std::regex_search(golden, crt, std::regex("tls\\.crt: (\\S+)")));
  ASSERT_TRUE(std::regex_search(golden, key, std::regex("tls\\.key: (\\S+)")));
  Create("/api/v1/namespaces/default/secrets",
         {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"metadata", {{"name", "cert-a"}, {"namespace", "default"}}},
          {"type", "kubernetes.io/tls"},
          {"data", {{"tls.crt", crt[1].str()}, {"tls.key", key[1].str()}}}});
  auto ingress = IngressJson("a", "/a");
  ingress["spec"]["tls"] = json::array({{{"hosts", {"example.com"}}, {"secretName", "cert-a"}}});
  Create("/apis/networking.k8s.io/v1/namespaces/default/ingresses", ingress);
  ASSERT_TRUE(Eventually([&] {
    const auto config = kong.Applied();
    return config.is_object() && !config.value("certificates", json::array()).empty();
  })) << Log("kic");
  const auto certificate = kong.Applied()["certificates"][0];
  ASSERT_EQ(certificate.value("snis", json::array()).size(), 1u);
  EXPECT_EQ(certificate["snis"][0].value("name", ""), "example.com");
  EXPECT_EQ(kic.Stop(), 0) << Log("kic");
}

TEST_F(ControllerE2E, RefusesContradictoryFlags) {
  ChildProcess kic;
  ASSERT_EQ(
      kic.Start({Binary("kic"), "run", "--kong-admin-url", "http://127.0.0.1:1", "--kong-admin-svc", "a/b"},
                {}, dir_ + "/bad.log"),
      "started");
  EXPECT_EQ(kic.Wait(), 2);
  EXPECT_NE(ReadFile(dir_ + "/bad.log").find("mutually exclusive"), std::string::npos);
}

}  // namespace
}  // namespace kic::controller::e2e
