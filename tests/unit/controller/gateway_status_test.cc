#include "controller/gateway_status.h"

#include <gtest/gtest.h>

namespace kic::controller {
namespace {

using nlohmann::json;

const std::string kOurs = "konghq.com/kic-gateway-controller";
const std::string kNow = "2026-11-26T12:00:00Z";
const std::string kEarlier = "2026-01-01T00:00:00Z";

json Condition(const std::string& type, const std::string& status, const std::string& reason,
               const std::string& time = "") {
  json c{{"type", type}, {"status", status}, {"reason", reason}, {"message", ""}, {"observedGeneration", 1}};
  if (!time.empty()) c["lastTransitionTime"] = time;
  return c;
}

json Parent(const std::string& controller, const std::string& gateway, json conditions) {
  return json{{"controllerName", controller},
              {"parentRef", {{"group", "gateway.networking.k8s.io"}, {"kind", "Gateway"}, {"name", gateway}}},
              {"conditions", std::move(conditions)}};
}

TEST(GatewayApiStatusPatch, RouteKeepsOtherControllersAndReplacesOursWithTransitionTimes) {
  const json current{
      {"status",
       {{"parents",
         {Parent("example.com/other", "theirs", {Condition("Accepted", "True", "Accepted", kEarlier)}),
          Parent(kOurs, "kong",
                 {Condition("Accepted", "True", "Accepted", kEarlier),
                  Condition("ResolvedRefs", "True", "ResolvedRefs", kEarlier)}),
          Parent(kOurs, "gone", {Condition("Accepted", "True", "Accepted", kEarlier)})}}}}};
  // Accepted unchanged (keeps its time), ResolvedRefs turned False (new time), "gone" pruned.
  const json wanted{{"parents",
                     {Parent(kOurs, "kong",
                             {Condition("Accepted", "True", "Accepted"),
                              Condition("ResolvedRefs", "False", "BackendNotFound")})}}};
  const auto patch = GatewayApiStatusPatch("HTTPRoute", current, wanted, kOurs, kNow);
  ASSERT_TRUE(patch.has_value());
  const json& parents = (*patch)["status"]["parents"];
  ASSERT_EQ(parents.size(), 2u);
  EXPECT_EQ(parents[0]["controllerName"], "example.com/other");
  EXPECT_EQ(parents[0]["conditions"][0]["lastTransitionTime"], kEarlier);
  EXPECT_EQ(parents[1]["parentRef"]["name"], "kong");
  EXPECT_EQ(parents[1]["conditions"][0]["lastTransitionTime"], kEarlier);
  EXPECT_EQ(parents[1]["conditions"][1]["reason"], "BackendNotFound");
  EXPECT_EQ(parents[1]["conditions"][1]["lastTransitionTime"], kNow);
}

TEST(GatewayApiStatusPatch, RouteAlreadyAsWantedNeedsNoWrite) {
  const json current{
      {"status",
       {{"parents", {Parent(kOurs, "kong", {Condition("Accepted", "True", "Accepted", kEarlier)})}}}}};
  const json wanted{{"parents", {Parent(kOurs, "kong", {Condition("Accepted", "True", "Accepted")})}}};
  EXPECT_FALSE(GatewayApiStatusPatch("HTTPRoute", current, wanted, kOurs, kNow).has_value());
}

TEST(GatewayApiStatusPatch, PruningRemovesOnlyOurEntries) {
  const json current{
      {"status",
       {{"parents",
         {Parent(kOurs, "kong", {Condition("Accepted", "True", "Accepted", kEarlier)}),
          Parent("example.com/other", "theirs", {Condition("Accepted", "True", "Accepted", kEarlier)})}}}}};
  const auto patch = GatewayApiStatusPatch("GRPCRoute", current, json(), kOurs, kNow);
  ASSERT_TRUE(patch.has_value());
  ASSERT_EQ((*patch)["status"]["parents"].size(), 1u);
  EXPECT_EQ((*patch)["status"]["parents"][0]["controllerName"], "example.com/other");
  // Nothing of ours left: nothing to write.
  EXPECT_FALSE(GatewayApiStatusPatch("GRPCRoute", *patch, json(), kOurs, kNow).has_value());
  EXPECT_FALSE(GatewayApiStatusPatch("HTTPRoute", json::object(), json(), kOurs, kNow).has_value());
}

TEST(GatewayApiStatusPatch, GatewayListenerConditionsKeepTheirTimesPerListener) {
  const json current{
      {"status",
       {{"conditions", {Condition("Programmed", "False", "Pending", kEarlier)}},
        {"listeners",
         {{{"name", "http"},
           {"attachedRoutes", 1},
           {"conditions", {Condition("Accepted", "True", "Accepted", kEarlier)}}},
          {{"name", "https"},
           {"attachedRoutes", 0},
           {"conditions", {Condition("ResolvedRefs", "False", "InvalidCertificateRef", kEarlier)}}}}}}}};
  const json wanted{{"conditions", {Condition("Programmed", "True", "Programmed")}},
                    {"listeners",
                     {{{"name", "http"},
                       {"attachedRoutes", 2},
                       {"conditions", {Condition("Accepted", "True", "Accepted")}}},
                      {{"name", "https"},
                       {"attachedRoutes", 0},
                       {"conditions", {Condition("ResolvedRefs", "True", "ResolvedRefs")}}}}}};
  const auto patch = GatewayApiStatusPatch("Gateway", current, wanted, kOurs, kNow);
  ASSERT_TRUE(patch.has_value());
  const json& status = (*patch)["status"];
  EXPECT_EQ(status["conditions"][0]["lastTransitionTime"], kNow);
  EXPECT_EQ(status["listeners"][0]["attachedRoutes"], 2);
  EXPECT_EQ(status["listeners"][0]["conditions"][0]["lastTransitionTime"], kEarlier);
  EXPECT_EQ(status["listeners"][1]["conditions"][0]["lastTransitionTime"], kNow);
  // Written once, the same wish is a no-op; a Gateway is never pruned.
  EXPECT_FALSE(GatewayApiStatusPatch("Gateway", *patch, wanted, kOurs, kNow).has_value());
  EXPECT_FALSE(GatewayApiStatusPatch("Gateway", *patch, json(), kOurs, kNow).has_value());
}

}  // namespace
}  // namespace kic::controller
