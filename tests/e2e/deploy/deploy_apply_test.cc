// deploy/ applies cleanly with the real kubectl to an API server that has Kong's and the Gateway API
// CRDs (what the README tells users to install first), re-applies as unchanged, and the README's
// quick-start Ingress applies on top of it.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "common/yaml_tree.h"
#include "test_server.h"

namespace kic::e2e {
namespace {

using nlohmann::json;

std::string DeployDir() {
  return std::string(KIC_SOURCE_DIR) + "/deploy";
}

// "kind/name" of every object in deploy/, in kubectl's spelling of the kind ("deployment.apps").
std::vector<std::string> DeployObjects() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(DeployDir())) {
    const auto ext = entry.path().extension();
    if (ext != ".yaml" && ext != ".yml") continue;
    for (const auto& doc : kic::yaml::ParseDocuments(ReadFile(entry.path().string()))) {
      if (doc.empty || !doc.error.empty()) continue;
      const auto* kind = doc.root.Find("kind");
      const auto* api_version = doc.root.Find("apiVersion");
      const auto* metadata = doc.root.Find("metadata");
      const auto* name = metadata ? metadata->Find("name") : nullptr;
      if (!kind || !api_version || !name) continue;
      std::string resource = kind->text;
      for (auto& c : resource) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const auto slash = api_version->text.find('/');
      if (slash != std::string::npos) resource += "." + api_version->text.substr(0, slash);
      out.push_back(resource + "/" + name->text);
    }
  }
  return out;
}

// The manifest the README's quick start pipes to `kubectl apply -f -`: the lines between <<'EOF' and
// the EOF line, less the indentation of the list item they sit in.
std::string ReadmeQuickStartManifest() {
  const std::string readme = ReadFile(std::string(KIC_SOURCE_DIR) + "/README.md");
  const auto section = readme.find("## Quick start on a real cluster");
  if (section == std::string::npos) return "";
  const auto begin = readme.find("<<'EOF'\n", section);
  if (begin == std::string::npos) return "";
  std::vector<std::string> lines;
  size_t pos = begin + 8;
  while (pos < readme.size()) {
    const auto nl = readme.find('\n', pos);
    const std::string line = readme.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line.substr(first) == "EOF") {
      std::string out;
      for (const auto& l : lines) out += (l.size() >= first ? l.substr(first) : std::string()) + "\n";
      return out;
    }
    lines.push_back(line);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return "";
}

class DeployApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kubectl_ = FindKubectl();
    if (kubectl_.empty()) GTEST_SKIP() << "kubectl is not installed; skipping the deploy/ apply test";
    dir_ = std::make_unique<TempDir>();
    server_ = std::make_unique<KubeTestServerProcess>(
        std::vector<std::string>{"--crds", SharedDir() + "/kong-crds", "--crds",
                                 SharedDir() + "/gateway-api-crds"},
        dir_->path());
    ASSERT_EQ(server_->error(), "");
    std::filesystem::create_directories(dir_->path() + "/home");
  }

  CommandResult Kubectl(const std::vector<std::string>& args, const std::string& stdin_file = "") {
    std::vector<std::string> argv = {kubectl_, "--server=" + server_->url(),
                                     "--cache-dir=" + dir_->path() + "/cache"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, dir_->path(), {{"HOME", dir_->path() + "/home"}, {"KUBECONFIG", ""}},
                      std::chrono::seconds(60), stdin_file);
  }

  json GetJson(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"get"};
    all.insert(all.end(), args.begin(), args.end());
    all.insert(all.end(), {"-o", "json"});
    CommandResult r = Kubectl(all);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }

  std::string kubectl_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<KubeTestServerProcess> server_;
};

TEST_F(DeployApplyTest, AppliesCleanlyThenUnchangedThenTheQuickStartIngress) {
  const auto objects = DeployObjects();
  ASSERT_GE(objects.size(), 9u);  // Namespace, ServiceAccount, RBAC (4), IngressClass, Service, Deployment

  CommandResult applied = Kubectl({"apply", "-f", DeployDir()});
  ASSERT_EQ(applied.exit_code, 0) << applied.out << applied.err;
  EXPECT_EQ(applied.err, "");  // no warnings either
  for (const auto& object : objects)
    EXPECT_NE(applied.out.find(object + " created"), std::string::npos) << object << "\n" << applied.out;

  CommandResult again = Kubectl({"apply", "-f", DeployDir()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const auto& object : objects)
    EXPECT_NE(again.out.find(object + " unchanged"), std::string::npos) << object << "\n" << again.out;

  // What the server holds is what deploy/ says.
  json deployment = GetJson({"deployment", "ingress-kong", "-n", "kong"});
  ASSERT_TRUE(deployment.is_object());
  const auto& spec = deployment["spec"]["template"]["spec"];
  EXPECT_EQ(spec["serviceAccountName"], "kong-serviceaccount");
  std::set<std::string> containers;
  for (const auto& c : spec["containers"]) containers.insert(c["name"].get<std::string>());
  EXPECT_EQ(containers, (std::set<std::string>{"proxy", "ingress-controller"}));
  json role = GetJson({"clusterrole", "kong-ingress"});
  EXPECT_FALSE(role["rules"].empty());
  json ingress_class = GetJson({"ingressclass", "kong"});
  EXPECT_EQ(ingress_class["spec"]["controller"], "ingress-controllers.konghq.com/kong");

  // The README's quick start: an echo Deployment, its Service and an Ingress of class kong.
  const std::string quick_start = ReadmeQuickStartManifest();
  ASSERT_FALSE(quick_start.empty()) << "README.md has no quick-start manifest (<<'EOF' ... EOF)";
  const std::string file = dir_->path() + "/quick-start.yaml";
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(quick_start.c_str(), f);
    std::fclose(f);
  }
  CommandResult echo = Kubectl({"apply", "-f", "-"}, file);
  ASSERT_EQ(echo.exit_code, 0) << echo.out << echo.err;
  EXPECT_NE(echo.out.find("ingress.networking.k8s.io/echo created"), std::string::npos) << echo.out;
  json ingress = GetJson({"ingress", "echo"});
  EXPECT_EQ(ingress["spec"]["ingressClassName"], "kong");
}

}  // namespace
}  // namespace kic::e2e
