// The EndpointSlice fast path must produce exactly what a full translation produces: for every
// case of both golden suites (their upstream shapes: weights, several backends, ExternalName,
// service-upstream, facades, Gateway API backends), EndpointSlices are made up for every Service,
// changed in several ways, and the last body patched with the recomputed targets of the touched
// upstreams is compared byte for byte (and digest for digest) with the full translation's body.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/files.h"
#include "common/json_sink.h"
#include "kong/config_body.h"
#include "kube/manifest_loader.h"
#include "translate/translator.h"
#include "translate/upstream_targets.h"

namespace kic::translate {
namespace {

namespace fs = std::filesystem;

struct Slice {
  std::string ns, name, service;
  std::vector<std::string> ready, not_ready, terminating;
  std::vector<std::pair<std::string, int64_t>> ports;  // (name, port)
  std::string protocol = "TCP";
};

std::string SliceYaml(const Slice& s) {
  std::string y = "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: " + s.name +
                  "\n  namespace: " + s.ns + "\n  labels:\n    kubernetes.io/service-name: " + s.service +
                  "\naddressType: IPv4\nendpoints:\n";
  auto endpoints = [&y](const std::vector<std::string>& addresses, const char* conditions) {
    for (const auto& a : addresses) y += "- addresses: [\"" + a + "\"]\n  conditions: " + conditions + "\n";
  };
  endpoints(s.ready, "{ready: true}");
  endpoints(s.not_ready, "{ready: false}");
  endpoints(s.terminating, "{ready: false, terminating: true}");
  if (s.ready.empty() && s.not_ready.empty() && s.terminating.empty()) y += "  []\n";
  y += "ports:\n";
  for (const auto& [name, port] : s.ports)
    y += "- name: \"" + name + "\"\n  port: " + std::to_string(port) + "\n  protocol: " + s.protocol + "\n";
  if (s.ports.empty()) y += "  []\n";
  return y;
}

void Put(kube::Store& store, const Slice& slice) {
  kube::LoadResult loaded;
  kube::LoadYamlText(SliceYaml(slice), "slice.yaml", store, loaded);
  ASSERT_TRUE(loaded.problems.empty()) << SliceYaml(slice);
}

// A slice for `svc` with two ready Pods and one terminating, on every port of the Service.
Slice SliceFor(const kube::Service& svc, int n) {
  Slice s{svc.meta.namespace_, svc.meta.name + "-gen", svc.meta.name, {}, {}, {}, {}};
  const std::string net = "10." + std::to_string(n / 250 % 250) + "." + std::to_string(n % 250) + ".";
  s.ready = {net + "1", net + "2"};
  s.terminating = {net + "3"};
  for (const auto& p : svc.ports)
    s.ports.emplace_back(p.name, p.target_port.IsInt() ? *p.target_port.number : p.port + 8000);
  return s;
}

// Upstream indexes (in the config's order) whose targets come from Service `ns/name`.
std::vector<size_t> UpstreamsOf(const Result& result, const std::string& ns, const std::string& name) {
  std::vector<size_t> indexes;
  for (size_t i = 0; i < result.config.upstreams.size(); ++i) {
    const auto recipe = result.target_recipes.find(result.config.upstreams[i].name);
    if (recipe == result.target_recipes.end()) continue;
    for (const auto& b : recipe->second.backends)
      if (b.ns == ns && b.service == name) {
        indexes.push_back(i);
        break;
      }
  }
  return indexes;
}

struct Tally {
  int cases = 0;
  int mutations = 0;
  int changed = 0;  // mutations whose patched body differed from the base
};

void CheckCase(const fs::path& in, const Options& options, Tally& tally) {
  kube::Store base;
  kube::LoadResult loaded;
  try {
    kube::LoadYamlText(ReadWholeFile(in.string()).value_or(""), in.string(), base, loaded);
  } catch (const std::exception&) {
    return;  // cases of malformed input are the loader's tests, not this one's
  }
  int n = 0;
  std::vector<Slice> slices;
  for (const auto& svc : base.services().items()) {
    if (!base.EndpointSlicesOf(svc->meta.namespace_, svc->meta.name).empty()) continue;
    slices.push_back(SliceFor(*svc, n++));
    Put(base, slices.back());
  }
  const Result full = Translate(base, options);
  ++tally.cases;

  // The changes are applied one after another, each patch on the last patched body, as the
  // controller does between full translations.
  kube::Store store = base;
  auto body = kong::ConfigBody::Serialize(full.config);
  // The controller makes its bodies by consuming the config: the same bytes, cut at the same places.
  kong::Config spent = full.config;
  const auto consumed = kong::ConfigBody::Serialize(std::move(spent));
  EXPECT_EQ(consumed.Text(), body.Text()) << in;
  EXPECT_EQ(consumed.digest(), body.digest()) << in;
  EXPECT_EQ(consumed.upstream_count(), body.upstream_count()) << in;
  EXPECT_TRUE(spent.services.empty() && spent.upstreams.empty()) << "the config is given up";  // NOLINT
  for (const auto& slice : slices) {
    std::vector<std::pair<std::string, std::function<void(kube::Store&)>>> changes;
    changes.emplace_back("address moved", [&](kube::Store& s) {
      Slice moved = slice;
      moved.ready[0] = "10.254.254." + std::to_string(tally.mutations % 250);
      Put(s, moved);
    });
    changes.emplace_back("pod not ready", [&](kube::Store& s) {
      Slice down = slice;
      down.not_ready.push_back(down.ready.back());
      down.ready.pop_back();
      Put(s, down);
    });
    changes.emplace_back("no endpoints", [&](kube::Store& s) {
      Slice empty = slice;
      empty.ready.clear();
      empty.terminating.clear();
      Put(s, empty);
    });
    changes.emplace_back("second slice", [&](kube::Store& s) {
      Slice more = slice;
      more.name += "-2";
      more.ready = {"10.253.0.1", slice.ready[0]};  // one new Pod, one seen in the first slice
      more.terminating.clear();
      Put(s, more);
    });
    changes.emplace_back("slice deleted",
                         [&](kube::Store& s) { s.Remove("EndpointSlice", slice.ns, slice.name); });
    changes.emplace_back("back as it was", [&](kube::Store& s) {
      s.Remove("EndpointSlice", slice.ns, slice.name + "-2");
      Put(s, slice);
    });
    for (const auto& [what, mutate] : changes) {
      mutate(store);
      const Result expected = Translate(store, options);
      const auto expected_body = kong::ConfigBody::Serialize(expected.config);
      std::vector<std::pair<size_t, std::string>> sections;
      for (const size_t i : UpstreamsOf(full, slice.ns, slice.service)) {
        const auto& recipe = full.target_recipes.at(full.config.upstreams[i].name);
        sections.emplace_back(i, kong::TargetsSectionJson(BuildTargets(store, options, recipe)));
      }
      ++tally.mutations;
      if (auto patched = body.WithTargetsSections(sections)) {
        ++tally.changed;
        body = std::move(*patched);
      }
      EXPECT_EQ(body.Text(), expected_body.Text()) << in << ": " << what << " in " << slice.name;
      EXPECT_EQ(body.digest(), expected_body.digest()) << in << ": " << what;
    }
  }
}

void CheckSuite(const fs::path& root, Tally& tally) {
  for (const auto& entry : fs::directory_iterator(root)) {
    const auto in = entry.path() / "in.yaml";
    if (!fs::exists(in)) continue;
    Options plain;
    CheckCase(in, plain, tally);
    Options drain;
    drain.enable_drain_support = true;
    drain.cluster_domain = "cluster.local";
    CheckCase(in, drain, tally);
  }
}

TEST(TargetsPatch, PatchedBodyEqualsFullTranslationOnOwnCases) {
  Tally tally;
  CheckSuite(fs::path(KIC_SOURCE_DIR) / "tests" / "golden" / "cases", tally);
  EXPECT_GE(tally.cases, 100);
  EXPECT_GE(tally.changed, 200) << "the changes must reach upstreams, or nothing is compared";
  EXPECT_LT(tally.changed, tally.mutations) << "some changes leave the body as it was (drained Pods)";
}

TEST(TargetsPatch, PatchedBodyEqualsFullTranslationOnKicCases) {
  const fs::path root = fs::path(KIC_SOURCE_DIR) / ".." / "shared" / "kic-golden";
  if (!fs::exists(root))
    GTEST_SKIP() << "../shared/kic-golden is not there (clone the project beside shared/)";
  Tally tally;
  CheckSuite(root, tally);
  EXPECT_GE(tally.cases, 40);
  EXPECT_GE(tally.changed, 50);
}

TEST(ConfigBody, DigestDependsOnEveryPieceAndNotOnHowTheBodyWasBuilt) {
  kong::Config config;
  for (const char* name : {"b.svc", "a.svc"}) {
    kong::Upstream u;
    u.name = name;
    u.algorithm = "round-robin";
    config.upstreams.push_back(u);
  }
  config.upstreams[0].targets = {kong::Target{"10.0.0.1:80", std::nullopt, {}}};
  const auto one = kong::ConfigBody::Serialize(config);
  EXPECT_EQ(one.upstream_count(), 2u);
  EXPECT_EQ(one.TargetsSection(0), R"(,"targets":[{"target":"10.0.0.1:80"}])");
  EXPECT_EQ(one.TargetsSection(1), "");

  // Moving the target from the first upstream to the second: same bytes as serializing that.
  config.upstreams[1].targets = config.upstreams[0].targets;
  config.upstreams[0].targets.clear();
  const auto two = kong::ConfigBody::Serialize(config);
  const auto patched = one.WithTargetsSections(
      {{0, kong::TargetsSectionJson({})}, {1, kong::TargetsSectionJson(config.upstreams[1].targets)}});
  ASSERT_TRUE(patched);
  EXPECT_EQ(patched->Text(), two.Text());
  EXPECT_EQ(patched->digest(), two.digest());
  EXPECT_NE(patched->digest(), one.digest());
  EXPECT_EQ(patched->TargetsSection(1), one.TargetsSection(0));
  // The original is untouched (payloads share it), and replacing a section by itself is no change.
  EXPECT_EQ(one.TargetsSection(0), R"(,"targets":[{"target":"10.0.0.1:80"}])");
  EXPECT_FALSE(one.WithTargetsSections({{1, ""}}));
}

// A big body is written in chunks, and parts (gaps, sections) that cross a chunk's end are sent as
// several pieces: patching them must still give the bytes and digest of a fresh serialization.
TEST(ConfigBody, PatchesSectionsThatCrossChunkEnds) {
  kong::Config config;
  const auto targets_of = [](size_t upstream, size_t round) {
    std::vector<kong::Target> targets;
    for (size_t t = 0; t <= (upstream + round) % 4; ++t)
      targets.push_back(kong::Target{"10." + std::to_string(round) + "." + std::to_string(upstream % 250) +
                                         "." + std::to_string(t) + ":8080",
                                     std::nullopt,
                                     {}});
    return targets;
  };
  for (size_t i = 0; i < 3000; ++i) {
    kong::Upstream u;
    u.name = "upstream-" + std::to_string(i) + ".default.80.svc";
    u.targets = targets_of(i, 0);
    config.upstreams.push_back(std::move(u));
  }
  auto body = kong::ConfigBody::Serialize(config);
  ASSERT_GT(body.size(), 8 * ChunkedOutput::kChunkSize);
  ASSERT_EQ(body.upstream_count(), 3000u);
  EXPECT_GT(body.pieces().size(), 2 * 3000 + 1) << "some part must have been cut at a chunk's end";
  EXPECT_EQ(body.Text(), kong::ToJson(config)) << "chunked and contiguous serializations differ";

  for (size_t round = 1; round <= 3; ++round) {
    std::vector<std::pair<size_t, std::string>> changes;
    for (size_t i = round; i < config.upstreams.size(); i += 3) {
      config.upstreams[i].targets = targets_of(i, round);
      changes.emplace_back(i, kong::TargetsSectionJson(config.upstreams[i].targets));
    }
    auto patched = body.WithTargetsSections(std::move(changes));
    ASSERT_TRUE(patched);
    const auto fresh = kong::ConfigBody::Serialize(config);
    ASSERT_EQ(patched->size(), fresh.size());
    EXPECT_EQ(patched->Text(), fresh.Text()) << "round " << round;
    EXPECT_EQ(patched->digest(), fresh.digest()) << "round " << round;
    for (size_t i = 0; i < config.upstreams.size(); i += 97)
      EXPECT_EQ(patched->TargetsSection(i), kong::TargetsSectionJson(config.upstreams[i].targets)) << i;
    body = std::move(*patched);
  }
}

}  // namespace
}  // namespace kic::translate
