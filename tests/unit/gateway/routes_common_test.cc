#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kube/gateway_objects.h"
#include "translate/gateway_routes_common.h"

namespace kic::translate {
namespace {

std::vector<std::string> Splits(const std::vector<std::string>& hosts,
                                const std::vector<kube::HTTPRouteRule>& rules) {
  std::vector<std::string> out;
  ForEachExpressionSplit(hosts, rules, [&](const ExpressionSplit<kube::HTTPRouteMatch>& s) {
    out.push_back(std::to_string(s.host_index) + ":" + s.host_part + "." + std::to_string(s.rule) + "." +
                  std::to_string(s.match_index) + (s.match ? "" : "(none)"));
  });
  return out;
}

// KIC's split: hostnames outermost, then rules, then matches; a rule without matches still gives
// one split (index 0, no match), and a route without hostnames one unnamed ("_") host.
TEST(ExpressionSplits, HostsThenRulesThenMatches) {
  std::vector<kube::HTTPRouteRule> rules(2);
  rules[0].matches.resize(2);
  EXPECT_EQ(
      Splits({"a.example.com", "*.example.com"}, rules),
      (std::vector<std::string>{"0:a.example.com.0.0", "0:a.example.com.0.1", "0:a.example.com.1.0(none)",
                                "1:_.example.com.0.0", "1:_.example.com.0.1", "1:_.example.com.1.0(none)"}));
  EXPECT_EQ(Splits({}, rules), (std::vector<std::string>{"0:_.0.0", "0:_.0.1", "0:_.1.0(none)"}));
  EXPECT_TRUE(Splits({"x"}, {}).empty());
}

}  // namespace
}  // namespace kic::translate
