#include "translate/gateway_hostnames.h"

namespace kic::translate {
namespace {

bool IsWildcard(std::string_view h) {
  return h.size() >= 2 && h[0] == '*' && h[1] == '.';
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "*.example.com" covers "a.example.com" and "a.b.example.com", not "example.com".
bool WildcardCovers(std::string_view wildcard, std::string_view host) {
  const std::string_view suffix = wildcard.substr(1);  // ".example.com"
  return host.size() > suffix.size() && EndsWith(host, suffix) && !IsWildcard(host);
}

}  // namespace

bool HostnamesIntersect(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (IsWildcard(a) && IsWildcard(b))
    return EndsWith(a.substr(1), b.substr(1)) || EndsWith(b.substr(1), a.substr(1));
  if (IsWildcard(a)) return WildcardCovers(a, b);
  if (IsWildcard(b)) return WildcardCovers(b, a);
  return false;
}

std::optional<std::string> HostnameOnListener(std::string_view route_host,
                                              const std::optional<std::string>& listener) {
  if (!listener || listener->empty() || *listener == route_host) return std::string(route_host);
  if (IsWildcard(*listener) &&
      (WildcardCovers(*listener, route_host) ||
       (IsWildcard(route_host) && EndsWith(route_host.substr(1), listener->substr(1)))))
    return std::string(route_host);
  if (IsWildcard(route_host) && HostnamesIntersect(route_host, *listener)) return *listener;
  return std::nullopt;
}

bool RouteHostnamesMeetListener(const std::vector<std::string>& route_hosts,
                                const std::optional<std::string>& listener) {
  if (route_hosts.empty() || !listener || listener->empty()) return true;
  for (const auto& h : route_hosts)
    if (HostnamesIntersect(h, *listener)) return true;
  return false;
}

}  // namespace kic::translate
