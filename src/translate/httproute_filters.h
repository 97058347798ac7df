#pragma once

// HTTPRoute (and GRPCRoute) rule filters as Kong plugins (kic-behaviour.md §4.2,
// kic-expressions-and-status.md §6.2–6.3).

#include <optional>
#include <string>
#include <vector>

#include "kong/config.h"
#include "kube/gateway_objects.h"

namespace kic::translate {

// "" when every filter can be translated, else KIC's message ("httpFilter X unsupported").
std::string UnsupportedFilter(const std::vector<kube::HTTPRouteFilter>& filters);

bool HasPrefixRewrite(const std::vector<kube::HTTPRouteFilter>& filters);
bool HasRedirect(const std::vector<kube::HTTPRouteFilter>& filters);

struct FilterPlugins {
  std::vector<kong::Plugin> plugins;     // sorted by name, descending, as deckgen writes them
  std::vector<std::string> plugin_refs;  // ExtensionRef KongPlugins
};

// The plugins of a route made from `match` (nullptr for a rule without matches) of a rule with
// `filters`. Same-type transformers are merged; every plugin carries `tags`.
FilterPlugins PluginsForFilters(const std::vector<kube::HTTPRouteFilter>& filters,
                                const kube::HTTPRouteMatch* match, const kong::Tags& tags);

// The Kong paths of a match whose rule rewrites with ReplacePrefixMatch.
std::vector<std::string> PrefixRewritePaths(const kube::HTTPRouteMatch& match);

}  // namespace kic::translate
