#include <gtest/gtest.h>

#include "translate/gateway_expressions.h"

namespace kic::translate {
namespace {

kube::HTTPRouteMatch PathMatch(const std::string& type, const std::string& value) {
  kube::HTTPRouteMatch m;
  m.path = kube::HTTPPathMatch{type, value};
  return m;
}

TEST(HttpRouteExpression, GoldenWorkedExample) {
  // kic-expressions-and-status.md §1.4: PathPrefix /httproute-testing, no hostname.
  const auto e = HttpRouteMatchExpression("", {}, PathMatch("PathPrefix", "/httproute-testing"), false);
  EXPECT_EQ(e.expression, R"((http.path == "/httproute-testing") || (http.path ^= "/httproute-testing/"))");
  EXPECT_EQ(e.priority + 4095, 35184514699263u);
}

TEST(HttpRouteExpression, PrefixRewriteUsesRegex) {
  // 2·2^44 + (4−1)·2^23, then +4095 when alone: 35184397258751 (§1.4 illustration).
  const auto e = HttpRouteMatchExpression("", {}, PathMatch("PathPrefix", "/api"), true);
  EXPECT_EQ(e.expression, R"x((http.path == "/api") || (http.path ~ "^/api(/.*)"))x");
  EXPECT_EQ(e.priority + 4095, 35184397258751u);
  EXPECT_EQ(HttpRouteMatchExpression("", {}, PathMatch("PathPrefix", "/"), true).expression,
            R"x((http.path == "/") || (http.path ~ "^/(.*)"))x");
}

TEST(HttpRouteExpression, HostHeadersQueriesMethod) {
  kube::HTTPRouteMatch m = PathMatch("Exact", "/x");
  m.headers = {{"RegularExpression", "X-B", "b.*"}, {std::nullopt, "X-A", "a"}};
  m.query_params = {{"Exact", "q", "1"}};
  m.method = "GET";
  const auto e = HttpRouteMatchExpression("example.com", {}, m, false);
  EXPECT_EQ(e.expression,
            R"((http.host == "example.com") && ((http.path == "/x") && ((http.headers.x_a == "a") && )"
            R"((http.headers.x_b ~ "b.*")) && (http.queries.q == "1") && (http.method == "GET")))");
  // kind 2, P, host 11, Exact, path length 2, method, 2 headers, 1 query.
  const uint64_t want = (2ull << 44) | (1ull << 43) | (11ull << 35) | (1ull << 34) | (1ull << 23) |
                        (1ull << 22) | (2ull << 17) | (1ull << 12);
  EXPECT_EQ(e.priority, want);
}

TEST(HttpRouteExpression, EmptyMatchIsCatchAll) {
  EXPECT_EQ(HttpRouteMatchExpression("", {}, kube::HTTPRouteMatch{}, false).expression,
            R"((net.protocol == "http") || (net.protocol == "https"))");
}

TEST(GrpcRouteExpression, GoldenWorkedExample) {
  kube::GRPCRouteMatch m;
  m.method = kube::GRPCMethodMatch{std::nullopt, "grpcbin.GRPCBin", "Get"};
  const auto e = GrpcRouteMatchExpression("example.com", {}, m);
  EXPECT_EQ(e.expression, R"((http.path == "/grpcbin.GRPCBin/Get") && (http.host == "example.com"))");
  EXPECT_EQ(e.priority + 255, 26766487871743u);
}

TEST(GrpcRouteExpression, MethodMatchVariants) {
  kube::GRPCRouteMatch m;
  m.method = kube::GRPCMethodMatch{"Exact", "svc", std::nullopt};
  EXPECT_EQ(GrpcRouteMatchExpression("", {}, m).expression, R"(http.path ^= "/svc/")");
  m.method = kube::GRPCMethodMatch{"Exact", std::nullopt, "M"};
  EXPECT_EQ(GrpcRouteMatchExpression("", {}, m).expression, R"(http.path =^ "/M")");
  m.method = kube::GRPCMethodMatch{"RegularExpression", "svc", std::nullopt};
  EXPECT_EQ(GrpcRouteMatchExpression("", {}, m).expression, R"(http.path ~ "^/svc/.+")");
}

TEST(RelativeOrder, BucketsAndTieBreaks) {
  uint64_t a = 0, b = 0, c = 0, d = 0;
  std::vector<PriorityCandidate> cs = {
      {100, 5, "d", "r", 0, 0, 0, &a},  // newer than b: second in the bucket
      {100, 1, "d", "r", 0, 0, 0, &b},
      {200, 1, "d", "r", 1, 0, 0, &c},  // alone
      {100, 5, "d", "r", 0, 0, 1, &d},  // same as a but a later hostname: before a
  };
  AssignRelativeOrder(cs, 4095);
  EXPECT_EQ(b, 100u + 4095);
  EXPECT_EQ(d, 100u + 4094);
  EXPECT_EQ(a, 100u + 4093);
  EXPECT_EQ(c, 200u + 4095);
}

}  // namespace
}  // namespace kic::translate
