#pragma once

#include <string_view>

namespace kic::translate {

// A route host as Kong accepts it: DNS labels, with at most one '*' as the whole leftmost or
// rightmost label ("*.example.com", "example.*").
bool IsValidRouteHost(std::string_view host);

// An SNI: DNS labels only, no wildcard, not an IP address.
bool IsValidSni(std::string_view sni);

// The hosts KIC keeps in expressions: ^(\*\.)?label(\.label)*?(\.\*)?$ with label =
// [A-Za-z0-9]+(-[A-Za-z0-9]+)*.
bool IsExpressionHost(std::string_view host);

}  // namespace kic::translate
