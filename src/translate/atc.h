#pragma once

// Kong's expressions router language (ATC), as KIC writes it: predicates "<field> <op> <literal>",
// combined with && and ||, each child of a 2+ group parenthesised. See
// kic-expressions-and-status.md §1.1 for the exact rendering rules.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kic::translate::atc {

// Empty children are dropped; none renders "", one renders as itself, more are "(a) && (b)".
std::string And(const std::vector<std::string>& children);
std::string Or(const std::vector<std::string>& children);

// "<field> <op> \"<escaped literal>\"".
std::string Predicate(std::string_view field, std::string_view op, std::string_view literal);
std::string IntPredicate(std::string_view field, std::string_view op, int64_t value);

// http.headers.<name lower-cased, '-' as '_'>.
std::string HeaderField(std::string_view header_name);

// OR of http.host predicates; hosts KIC cannot express are dropped. "*.x" matches as suffix ".x".
std::string HostsMatcher(const std::vector<std::string>& hosts);
// OR of tls.sni == predicates for valid SNIs.
std::string SnisMatcher(const std::vector<std::string>& snis);
// OR of http.method == predicates for upper-case methods.
std::string MethodsMatcher(const std::vector<std::string>& methods);

}  // namespace kic::translate::atc
