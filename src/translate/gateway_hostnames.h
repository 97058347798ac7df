#pragma once

// Hostname matching between Gateway listeners and routes (Gateway API "hostname intersection").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kic::translate {

// Whether two hostnames, either of which may be a "*.suffix" wildcard, can match a common host.
bool HostnamesIntersect(std::string_view a, std::string_view b);

// The hostname a route hostname becomes on a listener, or nullopt when they do not meet:
// a listener without hostname, or one whose wildcard covers the route's, keeps the route's;
// a route wildcard covering the listener's hostname narrows to the listener's.
std::optional<std::string> HostnameOnListener(std::string_view route_host,
                                              const std::optional<std::string>& listener);

// True when the route's hostnames (none = any) meet the listener's hostname (none = any).
bool RouteHostnamesMeetListener(const std::vector<std::string>& route_hosts,
                                const std::optional<std::string>& listener);

}  // namespace kic::translate
