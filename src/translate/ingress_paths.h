#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kic::translate {

// "//a///b" -> "/a/b"; "" -> "/". Applied to every Ingress path before anything else.
std::string NormalizeIngressPath(std::string_view path);

// Kong route paths (traditional router) for one Ingress path:
//   Prefix  /x  -> "/x/", "~/x$"      (root: "/")
//   Exact   /x  -> "~/x$"
//   ImplementationSpecific: verbatim.
// Then a path starting with the regex prefix (default "/~", or konghq.com/regex-prefix) has that
// prefix replaced by Kong's "~".
std::vector<std::string> KongPathsFor(std::string_view path, std::string_view path_type,
                                      std::string_view regex_prefix);

inline constexpr std::string_view kDefaultRegexPrefix = "/~";

}  // namespace kic::translate
