#include <gtest/gtest.h>

#include "translate/gateway_duration.h"
#include "translate/gateway_hostnames.h"

namespace kic::translate {
namespace {

TEST(GatewayHostnames, Intersection) {
  EXPECT_TRUE(HostnamesIntersect("a.example.com", "a.example.com"));
  EXPECT_TRUE(HostnamesIntersect("*.example.com", "a.example.com"));
  EXPECT_TRUE(HostnamesIntersect("a.b.example.com", "*.example.com"));
  EXPECT_FALSE(HostnamesIntersect("*.example.com", "example.com"));
  EXPECT_TRUE(HostnamesIntersect("*.example.com", "*.a.example.com"));
  EXPECT_FALSE(HostnamesIntersect("a.example.com", "b.example.com"));
  EXPECT_FALSE(HostnamesIntersect("*.example.com", "*.example.org"));
}

TEST(GatewayHostnames, RouteHostnameOnListener) {
  // No listener hostname, or a listener wildcard covering the route's: the route's stays.
  EXPECT_EQ(HostnameOnListener("a.example.com", std::nullopt), "a.example.com");
  EXPECT_EQ(HostnameOnListener("a.example.com", std::string("*.example.com")), "a.example.com");
  // A route wildcard covering the listener's hostname narrows to the listener's.
  EXPECT_EQ(HostnameOnListener("*.example.com", std::string("a.example.com")), "a.example.com");
  EXPECT_EQ(HostnameOnListener("b.example.com", std::string("a.example.com")), std::nullopt);
}

TEST(GatewayHostnames, RouteHostnamesMeetListener) {
  EXPECT_TRUE(RouteHostnamesMeetListener({}, std::string("a.example.com")));
  EXPECT_TRUE(RouteHostnamesMeetListener({"x.org", "a.example.com"}, std::string("*.example.com")));
  EXPECT_FALSE(RouteHostnamesMeetListener({"x.org"}, std::string("*.example.com")));
}

TEST(GatewayDuration, Parses) {
  EXPECT_EQ(ParseGatewayDuration("10s"), 10000);
  EXPECT_EQ(ParseGatewayDuration("1m30s"), 90000);
  EXPECT_EQ(ParseGatewayDuration("1h"), 3600000);
  EXPECT_EQ(ParseGatewayDuration("500ms"), 500);
  EXPECT_EQ(ParseGatewayDuration("10"), std::nullopt);
  EXPECT_EQ(ParseGatewayDuration("s"), std::nullopt);
  EXPECT_EQ(ParseGatewayDuration(""), std::nullopt);
}

}  // namespace
}  // namespace kic::translate
