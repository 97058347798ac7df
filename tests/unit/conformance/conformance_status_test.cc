// The Gateway API conformance suite's status expectations, checked offline.
//
// For each test of tests/conformance/expectations.yaml: the suite's base manifests, the Secrets
// its setup creates (tests/conformance/suite-secrets.yaml), its GatewayClass, and the test's own
// manifests go into a store; the translator runs as `kic translate --status-out` does (API
// defaults, routes only through accepting Gateways); every status assertion the test's Go file
// makes is checked against the computed statuses. Tests listed in known-failures.txt are reported
// as known; one that starts holding is announced so the list can shrink.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/yaml_tree.h"
#include "kube/manifest_loader.h"
#include "translate/options.h"
#include "translate/translator.h"

namespace kic {
namespace {

namespace fs = std::filesystem;

constexpr const char* kInfra = "gateway-conformance-infra";
constexpr const char* kClassName = "gateway-conformance";
constexpr const char* kControllerName = "konghq.com/kic-gateway-controller";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

// Expectations are plain data: scalars become strings, which is all the checks compare.
nlohmann::json ToJson(const yaml::Node& node) {
  switch (node.kind) {
    case yaml::Node::Kind::kScalar:
      return node.text;
    case yaml::Node::Kind::kSeq: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node.items) out.push_back(ToJson(item));
      return out;
    }
    case yaml::Node::Kind::kMap: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [k, v] : node.fields) out[k] = ToJson(v);
      return out;
    }
  }
  return nullptr;
}

std::string Str(const nlohmann::json& j, const char* key, const std::string& fallback = "") {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

std::string Text(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

// "ns/name", or a bare name in the infrastructure namespace.
std::pair<std::string, std::string> NsName(const std::string& ref) {
  const auto slash = ref.find('/');
  if (slash == std::string::npos) return {kInfra, ref};
  return {ref.substr(0, slash), ref.substr(slash + 1)};
}

// Core when every feature belongs to a profile's core set; TCPRoute/UDPRoute are experimental.
bool IsCore(const std::vector<std::string>& features) {
  static const std::set<std::string> core = {"Gateway", "HTTPRoute", "ReferenceGrant", "GRPCRoute",
                                             "TLSRoute"};
  for (const auto& f : features)
    if (!core.count(f)) return false;
  return true;
}

struct Outcome {
  std::vector<std::string> failures;
  void Fail(std::string message) { failures.push_back(std::move(message)); }
};

// The computed statuses of one translation, plus the store, for generation lookups.
class Statuses {
 public:
  Statuses(const translate::Result& result, const kube::Store& store) : store_(store) {
    for (const auto& s : result.statuses) by_key_[s.kind + "/" + s.namespace_ + "/" + s.name] = s.status;
  }

  const nlohmann::json* Get(const std::string& kind, const std::string& ns, const std::string& name) const {
    const auto it = by_key_.find(kind + "/" + ns + "/" + name);
    return it == by_key_.end() ? nullptr : &it->second;
  }

  int64_t Generation(const std::string& kind, const std::string& ns, const std::string& name) const {
    const kube::ObjectMeta* meta = nullptr;
    if (kind == "Gateway") {
      if (const auto* o = store_.Of<kube::Gateway>().Get(ns, name)) meta = &o->meta;
    } else if (kind == "GatewayClass") {
      if (const auto* o = store_.Of<kube::GatewayClass>().Get("", name)) meta = &o->meta;
    } else if (kind == "HTTPRoute") {
      if (const auto* o = store_.Of<kube::HTTPRoute>().Get(ns, name)) meta = &o->meta;
    }
    return meta ? meta->generation : -1;
  }

 private:
  const kube::Store& store_;
  std::map<std::string, nlohmann::json> by_key_;
};

// A condition matches when type and status are equal and, if the expectation names one, reason.
bool HasCondition(const nlohmann::json& conditions, const nlohmann::json& want) {
  if (!conditions.is_array()) return false;
  for (const auto& c : conditions) {
    if (Text(c["type"]) != Str(want, "type") || Text(c["status"]) != Str(want, "status")) continue;
    if (!Str(want, "reason").empty() && Text(c["reason"]) != Str(want, "reason")) continue;
    return true;
  }
  return false;
}

std::string Describe(const nlohmann::json* status) {
  return status ? status->dump() : "no status";
}

// The route's parents written by us for Gateway `gw_ns/gw_name`.
std::vector<nlohmann::json> OurParents(const nlohmann::json* status, const std::string& gw_ns,
                                       const std::string& gw_name) {
  std::vector<nlohmann::json> out;
  if (!status || !status->contains("parents")) return out;
  for (const auto& p : (*status)["parents"]) {
    const auto& ref = p["parentRef"];
    if (Str(p, "controllerName") != kControllerName) continue;
    if (Str(ref, "name") != gw_name || Str(ref, "namespace", gw_ns) != gw_ns) continue;
    out.push_back(p);
  }
  return out;
}

void CheckListenersReady(const Statuses& st, const std::string& gw_ns, const std::string& gw_name,
                         Outcome& out) {
  const auto* gw = st.Get("Gateway", gw_ns, gw_name);
  if (!gw || !gw->contains("listeners")) return out.Fail("Gateway " + gw_name + ": no listener status");
  for (const auto& l : (*gw)["listeners"])
    for (const char* type : {"Accepted", "ResolvedRefs", "Programmed"})
      if (!HasCondition(l["conditions"], {{"type", type}, {"status", "True"}}))
        out.Fail("Gateway " + gw_name + " listener " + Text(l["name"]) + ": " + type + " is not True");
}

// GatewayAndRoutesMustBeAccepted: an address, the listeners ready, and per route as many parents
// of ours for the Gateway as the expected sections (one without), each Accepted=True. Like the
// suite's parentsForRouteMatch, the parentRef's sectionName itself is not compared.
void CheckAccepted(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const auto [gw_ns, gw_name] = NsName(Str(c, "gateway"));
  const std::string kind = Str(c, "kind", "HTTPRoute");
  const auto* gw = st.Get("Gateway", gw_ns, gw_name);
  if (!gw || !gw->contains("addresses") || (*gw)["addresses"].empty())
    out.Fail("Gateway " + gw_name + " has no address");
  CheckListenersReady(st, gw_ns, gw_name, out);
  std::vector<std::string> sections;
  if (c.contains("sections"))
    for (const auto& s : c["sections"]) sections.push_back(Text(s));
  for (const auto& r : c["routes"]) {
    const auto [ns, name] = NsName(Text(r));
    const auto* status = st.Get(kind, ns, name);
    const auto parents = OurParents(status, gw_ns, gw_name);
    const size_t want = sections.empty() ? 1 : sections.size();
    if (parents.size() != want) {
      out.Fail(kind + " " + name + ": " + std::to_string(parents.size()) + " parents for " + gw_name +
               ", expected " + std::to_string(want) + " (" + Describe(status) + ")");
      continue;
    }
    for (const auto& p : parents)
      if (!HasCondition(p["conditions"], {{"type", "Accepted"}, {"status", "True"}, {"reason", "Accepted"}}))
        out.Fail(kind + " " + name + ": not Accepted by " + gw_name + " (" + p["conditions"].dump() + ")");
  }
}

// RouteMustHaveCondition: some parent of ours for the Gateway holds the condition.
void CheckRouteCondition(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const auto [gw_ns, gw_name] = NsName(Str(c, "gateway"));
  const auto [ns, name] = NsName(Str(c, "route"));
  const std::string kind = Str(c, "kind", "HTTPRoute");
  const auto* status = st.Get(kind, ns, name);
  for (const auto& p : OurParents(status, gw_ns, gw_name))
    if (HasCondition(p["conditions"], c)) return;
  out.Fail(kind + " " + name + ": no parent " + gw_name + " with " + Str(c, "type") + "=" + Str(c, "status") +
           (Str(c, "reason").empty() ? "" : "/" + Str(c, "reason")) + " (" + Describe(status) + ")");
}

void CheckResolvedRefs(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  for (const auto& r : c["routes"]) {
    nlohmann::json cond = {{"kind", Str(c, "kind", "HTTPRoute")},
                           {"route", Text(r)},
                           {"gateway", Str(c, "gateway")},
                           {"type", "ResolvedRefs"},
                           {"status", "True"},
                           {"reason", "ResolvedRefs"}};
    CheckRouteCondition(st, cond, out);
  }
}

// RouteMustHaveParents with one expected parent for the Gateway: exactly that entry.
void CheckRouteParents(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const auto [gw_ns, gw_name] = NsName(Str(c, "gateway"));
  const auto [ns, name] = NsName(Str(c, "route"));
  const std::string kind = Str(c, "kind", "HTTPRoute");
  const auto* status = st.Get(kind, ns, name);
  const auto parents = OurParents(status, gw_ns, gw_name);
  if (parents.size() != 1 || !status || (*status)["parents"].size() != 1)
    return out.Fail(kind + " " + name + ": expected exactly one parent (" + Describe(status) + ")");
  if (!HasCondition(parents[0]["conditions"],
                    {{"type", "Accepted"}, {"status", Str(c, "status")}, {"reason", Str(c, "reason")}}))
    out.Fail(kind + " " + name + ": parent conditions " + parents[0]["conditions"].dump());
}

// RouteMustHaveNoAcceptedParents: no parent says Accepted=True.
void CheckNoAcceptedParents(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const auto [ns, name] = NsName(Str(c, "route"));
  const std::string kind = Str(c, "kind", "HTTPRoute");
  const auto* status = st.Get(kind, ns, name);
  if (!status || !status->contains("parents")) return;
  for (const auto& p : (*status)["parents"])
    if (HasCondition(p["conditions"], {{"type", "Accepted"}, {"status", "True"}}))
      out.Fail(kind + " " + name + ": has an accepted parent " + p["parentRef"].dump());
}

void CheckZeroRoutes(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const auto [gw_ns, gw_name] = NsName(Str(c, "gateway"));
  const auto* gw = st.Get("Gateway", gw_ns, gw_name);
  if (!gw || !gw->contains("listeners")) return out.Fail("Gateway " + gw_name + ": no listener status");
  for (const auto& l : (*gw)["listeners"])
    if (l["attachedRoutes"] != 0)
      out.Fail("Gateway " + gw_name + " listener " + Text(l["name"]) + ": attachedRoutes " +
               l["attachedRoutes"].dump());
}

// GatewayStatusMustHaveListeners: the same listeners, supportedKinds and attachedRoutes as
// expected, conditions included.
void CheckListeners(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const auto [gw_ns, gw_name] = NsName(Str(c, "gateway"));
  const auto* gw = st.Get("Gateway", gw_ns, gw_name);
  if (!gw || !gw->contains("listeners")) return out.Fail("Gateway " + gw_name + ": no listener status");
  const auto& got = (*gw)["listeners"];
  if (got.size() != c["expect"].size())
    out.Fail("Gateway " + gw_name + ": " + std::to_string(got.size()) + " listeners, expected " +
             std::to_string(c["expect"].size()));
  for (const auto& want : c["expect"]) {
    const nlohmann::json* found = nullptr;
    for (const auto& l : got)
      if (Text(l["name"]) == Str(want, "name")) found = &l;
    if (!found) {
      out.Fail("Gateway " + gw_name + ": no listener " + Str(want, "name"));
      continue;
    }
    if (want.contains("attachedRoutes") && Text((*found)["attachedRoutes"]) != Str(want, "attachedRoutes"))
      out.Fail("Gateway " + gw_name + " listener " + Str(want, "name") + ": attachedRoutes " +
               (*found)["attachedRoutes"].dump() + ", expected " + Str(want, "attachedRoutes"));
    // As the suite: an empty expected list needs an empty one; otherwise each expected kind must be
    // there (an implementation may support more).
    if (want.contains("supportedKinds")) {
      const auto& kinds = (*found)["supportedKinds"];
      if (want["supportedKinds"].empty() && !kinds.empty())
        out.Fail("Gateway " + gw_name + " listener " + Str(want, "name") + ": supportedKinds " +
                 kinds.dump() + ", expected none");
      for (const auto& k : want["supportedKinds"]) {
        const bool present = std::any_of(kinds.begin(), kinds.end(), [&](const auto& got) {
          return Text(got["kind"]) == Text(k) && Str(got, "group") == "gateway.networking.k8s.io";
        });
        if (!present)
          out.Fail("Gateway " + gw_name + " listener " + Str(want, "name") + ": no supportedKind " + Text(k) +
                   " in " + kinds.dump());
      }
    }
    for (const auto& cond : want["conditions"])
      if (!HasCondition((*found)["conditions"], cond))
        out.Fail("Gateway " + gw_name + " listener " + Str(want, "name") + ": no " + cond.dump() + " in " +
                 (*found)["conditions"].dump());
  }
}

void CheckGatewayCondition(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const auto [gw_ns, gw_name] = NsName(Str(c, "gateway"));
  const auto* gw = st.Get("Gateway", gw_ns, gw_name);
  if (!gw || !HasCondition((*gw)["conditions"], c))
    out.Fail("Gateway " + gw_name + ": no condition " + c.dump() + " (" + Describe(gw) + ")");
}

void CheckGatewayClassCondition(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const auto* gc = st.Get("GatewayClass", "", Str(c, "name"));
  if (!gc) return out.Fail("GatewayClass " + Str(c, "name") + ": no status");
  for (const auto& cond : (*gc)["conditions"])
    if (Text(cond["type"]) == Str(c, "type")) return;
  out.Fail("GatewayClass " + Str(c, "name") + ": no " + Str(c, "type") + " condition");
}

// *MustHaveLatestConditions: every condition's observedGeneration is the object's generation.
void CheckLatestConditions(const Statuses& st, const nlohmann::json& c, Outcome& out) {
  const std::string kind = Str(c, "kind");
  auto [ns, name] = NsName(Str(c, "name"));
  if (kind == "GatewayClass") ns.clear();
  const auto* status = st.Get(kind, ns, name);
  if (!status) return out.Fail(kind + " " + name + ": no status");
  const int64_t generation = st.Generation(kind, ns, name);
  std::vector<const nlohmann::json*> lists;
  if (status->contains("conditions")) lists.push_back(&(*status)["conditions"]);
  if (status->contains("parents"))
    for (const auto& p : (*status)["parents"]) lists.push_back(&p["conditions"]);
  if (lists.empty()) return out.Fail(kind + " " + name + ": no conditions");
  for (const auto* list : lists)
    for (const auto& cond : *list)
      if (cond["observedGeneration"] != generation)
        out.Fail(kind + " " + name + ": condition " + Text(cond["type"]) + " observedGeneration " +
                 cond["observedGeneration"].dump() + ", generation " + std::to_string(generation));
}

void RunCheck(const Statuses& st, const nlohmann::json& check, Outcome& out) {
  for (const auto& [what, args] : check.items()) {
    if (what == "accepted")
      CheckAccepted(st, args, out);
    else if (what == "route_condition")
      CheckRouteCondition(st, args, out);
    else if (what == "resolved_refs")
      CheckResolvedRefs(st, args, out);
    else if (what == "route_parents")
      CheckRouteParents(st, args, out);
    else if (what == "no_accepted_parents")
      CheckNoAcceptedParents(st, args, out);
    else if (what == "zero_routes")
      CheckZeroRoutes(st, args, out);
    else if (what == "listeners")
      CheckListeners(st, args, out);
    else if (what == "gateway_condition")
      CheckGatewayCondition(st, args, out);
    else if (what == "gatewayclass_condition")
      CheckGatewayClassCondition(st, args, out);
    else if (what == "latest_conditions")
      CheckLatestConditions(st, args, out);
    else
      out.Fail("unknown check kind " + what);
  }
}

std::string GatewayClassYaml() {
  return std::string(
             "---\napiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: ") +
         kClassName +
         "\n  annotations:\n    konghq.com/gatewayclass-unmanaged: \"true\"\nspec:\n  controllerName: " +
         kControllerName + "\n";
}

Outcome RunTest(const fs::path& suite_dir, const fs::path& own_dir, const nlohmann::json& test) {
  Outcome out;
  std::string text = ReadFile(suite_dir / "base" / "manifests.yaml") + "\n---\n" +
                     ReadFile(own_dir / "suite-secrets.yaml") + GatewayClassYaml();
  for (const auto& m : test["manifests"]) {
    const auto path = suite_dir / "tests" / Text(m);
    if (!fs::exists(path)) {
      out.Fail("missing manifest " + path.string());
      return out;
    }
    text += "\n---\n" + ReadFile(path);
  }
  ReplaceAll(text, "{GATEWAY_CLASS_NAME}", kClassName);
  ReplaceAll(text, "{GATEWAY_CONTROLLER_NAME}", kControllerName);
  kube::Store store;
  kube::LoadResult loaded;
  kube::LoadYamlText(text, Str(test, "name"), store, loaded);
  translate::Options options;
  options.gateway_api_controller_name = kControllerName;
  // The suite waits for a Gateway address; the publish address stands in for the proxy Service.
  options.publish_status_addresses = {"192.0.2.10"};
  EXPECT_EQ(translate::ApplyFeatureGates("GatewayAlpha=true,ExpressionRoutes=true", options.flags), "");
  const auto result = translate::Translate(store, options);
  const Statuses statuses(result, store);
  for (const auto& check : test["checks"]) RunCheck(statuses, check, out);
  return out;
}

// known-failures.txt: "<TestName> <reason>" per line, # comments.
std::map<std::string, std::string> LoadKnownFailures(const fs::path& path) {
  std::map<std::string, std::string> out;
  std::istringstream in(ReadFile(path));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find(' ');
    out[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return out;
}

// Every ShortName the suite's Go files declare.
std::vector<std::string> SuiteTestNames(const fs::path& tests_dir) {
  std::vector<std::string> out;
  const std::regex short_name(R"re(ShortName:\s*"([^"]+)")re");
  for (const auto& entry : fs::directory_iterator(tests_dir)) {
    if (entry.path().extension() != ".go") continue;
    const std::string text = ReadFile(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), short_name), end; it != end; ++it)
      out.push_back((*it)[1]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Conformance, StatusExpectations) {
  const fs::path source(KIC_SOURCE_DIR);
  const fs::path suite_dir = source.parent_path() / "shared" / "gateway-api-conformance";
  if (!fs::exists(suite_dir / "base" / "manifests.yaml"))
    GTEST_SKIP() << "no conformance suite at " << suite_dir << " (../shared is not checked out here)";
  const fs::path own_dir = source / "tests" / "conformance";
  const auto docs = yaml::ParseDocuments(ReadFile(own_dir / "expectations.yaml"));
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(docs[0].error.empty()) << docs[0].error;
  const nlohmann::json expectations = ToJson(docs[0].root);
  const auto known = LoadKnownFailures(own_dir / "known-failures.txt");

  struct Tally {
    int total = 0, holding = 0;
  } core, extended;
  std::set<std::string> listed;
  for (const auto& test : expectations["tests"]) {
    const std::string name = Str(test, "name");
    listed.insert(name);
    std::vector<std::string> features;
    for (const auto& f : test["features"]) features.push_back(Text(f));
    Tally& tally = IsCore(features) ? core : extended;
    ++tally.total;
    const Outcome outcome = RunTest(suite_dir, own_dir, test);
    const auto it = known.find(name);
    if (outcome.failures.empty()) {
      ++tally.holding;
      if (it != known.end())
        std::cout << "NEWLY HOLDING " << name << " (remove it from known-failures.txt)\n";
      continue;
    }
    if (it != known.end()) {
      std::cout << "KNOWN " << name << ": " << it->second << "\n";
      continue;
    }
    std::string details;
    for (const auto& f : outcome.failures) details += "\n  " + f;
    ADD_FAILURE() << name << " does not hold:" << details;
  }
  for (const auto& name : known)
    if (!listed.count(name.first)) ADD_FAILURE() << "known-failures.txt names unknown test " << name.first;

  // Tests of features kic does not implement, and any the expectations file does not list yet.
  for (const auto& name : SuiteTestNames(suite_dir / "tests")) {
    if (listed.count(name)) continue;
    std::string reason;
    bool core_tier = false;
    for (const auto& u : expectations["unsupported"])
      if (name.find(Str(u, "pattern")) != std::string::npos) {
        reason = Str(u, "reason");
        core_tier = Str(u, "tier") == "core";
      }
    if (reason.empty()) {
      ADD_FAILURE() << "suite test " << name
                    << " is neither in expectations.yaml nor in its unsupported list";
      continue;
    }
    ++(core_tier ? core : extended).total;
    std::cout << "UNSUPPORTED " << name << ": " << reason << "\n";
  }
  std::cout << "conformance status expectations: core " << core.holding << "/" << core.total
            << " holding, extended " << extended.holding << "/" << extended.total << " holding\n";
}

}  // namespace
}  // namespace kic
