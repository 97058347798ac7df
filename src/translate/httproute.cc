#include "translate/httproute.h"

#include <map>
#include <set>

#include "common/strings.h"
#include "translate/gateway_defaults.h"
#include "translate/gateway_duration.h"
#include "translate/gateway_expressions.h"
#include "translate/gateway_routes_common.h"
#include "translate/httproute_filters.h"

namespace kic::translate {
namespace {

constexpr int64_t kDefaultTimeoutMs = 60000;
constexpr uint64_t kHttpRouteRelativeOrderMax = 4095;

const std::vector<std::pair<std::string, std::string>> kHttpProtocols = {{"HTTP", "http"},
                                                                         {"HTTPS", "https"}};

// Rules with equal backendRefs (in any order) share one Kong service.
std::string BackendKey(const std::vector<kube::GatewayBackendRef>& refs) {
  std::vector<std::string> parts;
  for (const auto& r : refs) {
    parts.push_back(r.group.value_or("\x01") + "|" + r.kind.value_or("\x01") + "|" +
                    r.namespace_.value_or("\x01") + "|" + r.name + "|" +
                    (r.port ? std::to_string(*r.port) : "-") + "|" +
                    (r.weight ? std::to_string(*r.weight) : "-"));
  }
  std::sort(parts.begin(), parts.end());
  return Join(parts, "\n");
}

// Matches with the same method and headers (the traditional router's other fields) share a route.
std::string MatchKey(const kube::HTTPRouteMatch& m) {
  std::vector<std::string> headers;
  for (const auto& h : m.headers)
    headers.push_back(ToLower(h.name) + "|" + h.type.value_or("") + "|" + h.value);
  std::sort(headers.begin(), headers.end());
  headers.erase(std::unique(headers.begin(), headers.end()), headers.end());
  return m.method.value_or("") + "\n" + Join(headers, "\n");
}

// Everything that makes an HTTPRoute unroutable; "" when it can be translated.
std::string Validate(const kube::HTTPRoute& route, bool expressions) {
  if (route.rules.empty()) return "no rules provided";
  for (const auto& rule : route.rules) {
    if (auto e = UnsupportedFilter(rule.filters); !e.empty()) return e;
    for (const auto& m : rule.matches) {
      if (!expressions && !m.query_params.empty()) return "query param matches are not yet supported";
      if (expressions) continue;
      std::set<std::string> seen;
      for (const auto& h : m.headers)
        if (!seen.insert(ToLower(h.name)).second)
          return "multiple header matches for the same header are not allowed: " + h.name;
    }
  }
  return "";
}

std::vector<std::string> TraditionalPaths(const kube::HTTPRouteMatch& m, bool prefix_rewrite) {
  if (!m.path) return {};
  const std::string type = m.path->type.value_or("PathPrefix");
  const std::string v = m.path->value.value_or("");
  if (type == "Exact") return {"~" + v + "$"};
  if (type == "RegularExpression") return {"~" + v};
  if (prefix_rewrite) return PrefixRewritePaths(m);
  return {"~" + v + "$", !v.empty() && v.back() == '/' ? v : v + "/"};
}

void AddMatchFields(kong::Route& r, const kube::HTTPRouteMatch& m, bool prefix_rewrite) {
  for (auto& p : TraditionalPaths(m, prefix_rewrite)) {
    if (!r.paths) r.paths = std::vector<std::string>{};
    r.paths->push_back(std::move(p));
  }
  for (const auto& h : m.headers) {
    auto& values = r.headers[h.name];
    const std::string v = h.type.value_or("Exact") == "RegularExpression" ? "~*" + h.value : h.value;
    if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
  }
  if (m.method) {
    if (!r.methods) r.methods = std::vector<std::string>{};
    if (std::find(r.methods->begin(), r.methods->end(), *m.method) == r.methods->end())
      r.methods->push_back(*m.method);
  }
}

class HTTPRouteTranslator {
 public:
  // `route` is the HTTPRoute as translated (maybe defaulted); `stored` the store's object, which
  // outlives translation and is what routes point back to.
  HTTPRouteTranslator(Context& ctx, const kube::HTTPRoute& route, const kube::HTTPRoute& stored,
                      const Attachment& attachment, ExpressionPriorities& priorities)
      : ctx_(ctx), route_(route), stored_(stored), attachment_(attachment), priorities_(priorities) {
    prefix_ = "httproute." + route.meta.namespace_ + "." + route.meta.name;
    tags_ = TagsFor(route);
    protocols_ = ListenerProtocols(attachment.listeners, kHttpProtocols);
  }

  void Run() {
    std::vector<std::pair<std::string, std::vector<size_t>>> groups;  // backend key -> rule indexes
    for (size_t i = 0; i < route_.rules.size(); ++i) {
      const std::string key = BackendKey(route_.rules[i].backend_refs);
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
      if (it == groups.end())
        groups.emplace_back(key, std::vector<size_t>{i});
      else
        it->second.push_back(i);
    }
    for (const auto& [key, rules] : groups) {
      ServiceDraft& service = Service(rules);
      if (ctx_.options.flags.expression_routes)
        ExpressionRoutes(service, rules);
      else
        TraditionalRoutes(service, rules);
    }
  }

 private:
  ServiceDraft& Service(const std::vector<size_t>& rules) {
    const auto& first = route_.rules[rules.front()];
    ServiceDraft& service = EnsureGatewayService(ctx_, prefix_ + "." + std::to_string(rules.front()),
                                                 route_.meta.namespace_, ObjectRef(route_), tags_, "http");
    const auto resolved =
        ResolveBackends(ctx_, kube::HTTPRoute::kKind, route_.meta.namespace_, first.backend_refs);
    service.backends = resolved.usable;
    if (!first.backend_refs.empty() && resolved.usable.empty())
      service.service.plugins.push_back(NoBackendPlugin());
    for (size_t i : rules) {
      const auto& timeout = route_.rules[i].timeout_backend_request;
      if (!timeout) continue;
      const auto ms = ParseGatewayDuration(*timeout);
      if (!ms) {
        ctx_.Report(ObjectRef(route_), "spec.rules[" + std::to_string(i) + "].timeouts.backendRequest",
                    "invalid duration \"" + *timeout + "\"");
      } else if (*ms != kDefaultTimeoutMs && *ms > 0) {
        service.service.connect_timeout = service.service.read_timeout = service.service.write_timeout = *ms;
      }
      break;
    }
    return service;
  }

  RouteDraft NewRoute(std::string name) const {
    RouteDraft draft;
    draft.source = RouteSource{&stored_.meta, ObjectRef(route_), kube::HTTPRoute::kKind};
    draft.expression_done = true;
    kong::Route& r = draft.route;
    r.name = std::move(name);
    r.preserve_host = true;
    r.strip_path = false;
    r.protocols = protocols_;
    r.tags = tags_;
    return draft;
  }

  void AddPlugins(RouteDraft& draft, const kube::HTTPRouteRule& rule,
                  const kube::HTTPRouteMatch* match) const {
    auto plugins = PluginsForFilters(rule.filters, match, draft.route.tags);
    for (auto& p : plugins.plugins) draft.route.plugins.push_back(std::move(p));
    for (auto& ref : plugins.plugin_refs) draft.plugin_refs.push_back(std::move(ref));
  }

  void TraditionalRoutes(ServiceDraft& service, const std::vector<size_t>& rules) {
    // Rules with equal filters share routes; within them, matches with equal method and headers.
    std::vector<std::vector<size_t>> by_filters;
    for (size_t i : rules) {
      auto it = std::find_if(by_filters.begin(), by_filters.end(), [&](const auto& g) {
        return route_.rules[g.front()].filters == route_.rules[i].filters;
      });
      if (it == by_filters.end())
        by_filters.push_back({i});
      else
        it->push_back(i);
    }
    for (const auto& group : by_filters) {
      const auto& filters = route_.rules[group.front()].filters;
      const bool per_match = HasRedirect(filters) || HasPrefixRewrite(filters);
      const bool prefix_rewrite = HasPrefixRewrite(filters);
      std::vector<std::pair<std::string, RouteDraft>> routes;  // match key -> route
      std::vector<std::pair<RouteDraft*, const kube::HTTPRouteMatch*>> first_match;
      for (size_t i : group) {
        const auto& rule = route_.rules[i];
        if (rule.matches.empty()) {
          RouteDraft draft = NewRoute(prefix_ + "." + std::to_string(i) + ".0");
          if (attachment_.hostnames.empty()) draft.route.paths = std::vector<std::string>{"/"};
          AddNamedRuleTag(draft.route.tags, rule.name);
          routes.emplace_back("\x02" + std::to_string(i), std::move(draft));
          continue;
        }
        for (size_t j = 0; j < rule.matches.size(); ++j) {
          const auto& m = rule.matches[j];
          const std::string key = per_match ? std::to_string(i) + "." + std::to_string(j) : MatchKey(m);
          auto it = std::find_if(routes.begin(), routes.end(), [&](const auto& r) { return r.first == key; });
          if (it == routes.end()) {
            routes.emplace_back(key, NewRoute(prefix_ + "." + std::to_string(i) + "." + std::to_string(j)));
            it = std::prev(routes.end());
          }
          AddMatchFields(it->second.route, m, prefix_rewrite);
          AddNamedRuleTag(it->second.route.tags, rule.name);
        }
      }
      for (auto& [key, draft] : routes) {
        if (!attachment_.hostnames.empty()) draft.route.hosts = attachment_.hostnames;
        const kube::HTTPRouteMatch* match = nullptr;
        if (per_match && key[0] != '\x02') {
          const auto dot = key.find('.');
          match = &route_.rules[std::stoul(key.substr(0, dot))].matches[std::stoul(key.substr(dot + 1))];
        }
        AddPlugins(draft, route_.rules[group.front()], match);
        service.routes.push_back(std::move(draft));
      }
    }
  }

  void ExpressionRoutes(ServiceDraft& service, const std::vector<size_t>& rules) {
    const std::vector<std::string> snis = SnisAnnotation(route_.meta);
    // Only this service's rules are split, but names and priorities keep the rules' own indexes.
    std::vector<bool> in_service(route_.rules.size(), false);
    for (size_t i : rules) in_service[i] = true;
    const kube::HTTPRouteMatch empty_match;
    ForEachExpressionSplit(
        attachment_.hostnames, route_.rules, [&](const ExpressionSplit<kube::HTTPRouteMatch>& split) {
          if (!in_service[split.rule]) return;
          const auto& rule = route_.rules[split.rule];
          const auto& m = split.match ? *split.match : empty_match;
          RouteDraft draft = NewRoute(prefix_ + "." + split.host_part + "." + std::to_string(split.rule) +
                                      "." + std::to_string(split.match_index));
          AddNamedRuleTag(draft.route.tags, rule.name);
          const auto expr = HttpRouteMatchExpression(split.host, snis, m, HasPrefixRewrite(rule.filters));
          draft.route.expression = expr.expression;
          AddPlugins(draft, rule, split.match);
          service.routes.push_back(std::move(draft));
          priorities_.Add(service, expr.priority, route_.meta, split.rule, split.match_index,
                          split.host_index);
        });
  }

  Context& ctx_;
  const kube::HTTPRoute& route_;
  const kube::HTTPRoute& stored_;
  const Attachment& attachment_;
  ExpressionPriorities& priorities_;
  std::string prefix_;
  kong::Tags tags_;
  std::optional<std::vector<std::string>> protocols_;
};

}  // namespace

void TranslateHTTPRoutes(Context& ctx) {
  ExpressionPriorities priorities;
  const bool expressions = ctx.options.flags.expression_routes;
  for (const auto* original : SortedObjects<kube::HTTPRoute>(ctx.store)) {
    kube::HTTPRoute route = *original;
    if (ctx.options.apply_api_defaults) ApplyApiDefaults(route);
    const RouteRef ref{kube::HTTPRoute::kKind, &original->meta, &route.parent_refs, &route.hostnames};
    const Attachment attachment = Attach(ctx, ref);
    ResolvedBackends resolved;
    for (const auto& rule : route.rules) {
      if (resolved.reason != "ResolvedRefs") break;
      resolved = ResolveBackends(ctx, kube::HTTPRoute::kKind, route.meta.namespace_, rule.backend_refs);
    }
    bool programmed = false;
    if (attachment.translate) {
      if (const auto error = Validate(route, expressions); !error.empty()) {
        ctx.Report(ObjectRef(route), "spec", "HTTPRoute can't be routed: " + error);
      } else {
        HTTPRouteTranslator(ctx, route, *original, attachment, priorities).Run();
        programmed = true;
      }
    }
    RecordRouteStatus(ctx, ref, attachment, &resolved, programmed);
  }
  priorities.Assign(kHttpRouteRelativeOrderMax);
}

}  // namespace kic::translate
