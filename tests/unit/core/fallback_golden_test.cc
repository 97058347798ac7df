// KIC's fallback-config-* golden cases, translation side: the objects annotated
// test.konghq.com/broken are what Kong would reject; the fallback configuration (the store without
// them and their dependants, translated again) must equal KIC's golden as data. The push side of
// the same cases runs against the test Kong in the golden harness.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/yaml_tree.h"
#include "kong/serialize.h"
#include "kube/decode_value.h"
#include "kube/manifest_loader.h"
#include "translate/fallback.h"
#include "translate/translator.h"

namespace kic::translate {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Lists are compared as multisets, as the golden harness does.
nlohmann::json Canonical(const nlohmann::json& v) {
  if (v.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = Canonical(it.value());
    return out;
  }
  if (v.is_array()) {
    std::vector<nlohmann::json> items;
    for (const auto& i : v) items.push_back(Canonical(i));
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.dump() < b.dump(); });
    return nlohmann::json(items);
  }
  return v;
}

nlohmann::json YamlToJson(const std::string& text) {
  const auto docs = yaml::ParseDocuments(text);
  EXPECT_EQ(docs.size(), 1u);
  return kube::YamlValue(&docs.at(0).root).ToJson();
}

std::vector<BrokenObject> BrokenIn(const std::string& in_yaml) {
  std::vector<BrokenObject> broken;
  for (const auto& doc : yaml::ParseDocuments(in_yaml)) {
    const auto* meta = doc.root.Find("metadata");
    const auto* kind = doc.root.Find("kind");
    if (!meta || !kind) continue;
    const auto* annotations = meta->Find("annotations");
    const auto* flag = annotations ? annotations->Find("test.konghq.com/broken") : nullptr;
    if (!flag || flag->text != "true") continue;
    const auto* ns = meta->Find("namespace");
    broken.push_back(BrokenObject{kind->text, ns ? ns->text : "", meta->Find("name")->text});
  }
  return broken;
}

TEST(FallbackGolden, KicFallbackCasesTranslateToTheGoldenConfig) {
  const fs::path root = fs::path(KIC_SOURCE_DIR) / ".." / "shared" / "kic-golden";
  if (!fs::exists(root))
    GTEST_SKIP() << "../shared/kic-golden is not there (clone the project beside shared/)";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("fallback-config-", 0) != 0) continue;
    for (const auto& file : fs::directory_iterator(entry.path())) {
      const std::string golden = file.path().filename().string();
      const auto suffix = golden.find("_golden.yaml");
      if (suffix == std::string::npos) continue;
      const std::string variant = golden.substr(0, suffix);
      Options options;
      if (variant != "default") {
        const auto settings = yaml::ParseDocuments(Read(entry.path() / (variant + "_settings.yaml")));
        const auto* flags = settings.at(0).root.Find("feature_flags");
        for (const auto& [gate, value] : flags->fields)
          SetFeatureGate(gate, value.text == "true", options.flags);
      }
      const std::string in = Read(entry.path() / "in.yaml");
      kube::Store store;
      kube::LoadResult loaded;
      kube::LoadYamlText(in, "in.yaml", store, loaded);
      const kube::Store fallback = WithoutBroken(store, BrokenIn(in));
      const auto result = Translate(fallback, options);
      EXPECT_EQ(Canonical(YamlToJson(kong::ToYaml(result.config))), Canonical(YamlToJson(Read(file.path()))))
          << name << "/" << variant;
      ++cases;
    }
  }
  EXPECT_GE(cases, 10);
}

}  // namespace
}  // namespace kic::translate
