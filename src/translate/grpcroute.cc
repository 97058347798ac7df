#include "translate/grpcroute.h"

#include "common/strings.h"
#include "translate/gateway_defaults.h"
#include "translate/gateway_expressions.h"
#include "translate/gateway_routes_common.h"
#include "translate/httproute_filters.h"

namespace kic::translate {
namespace {

constexpr uint64_t kGrpcRouteRelativeOrderMax = 255;

// The traditional router's path for a method match: ~/<service>/<method>, ".+" standing for a
// missing service, and for a missing method of a RegularExpression match.
std::optional<std::string> MethodPath(const kube::GRPCRouteMatch& m) {
  if (!m.method) return std::nullopt;
  const bool regex = m.method->type.value_or("Exact") == "RegularExpression";
  const std::string service = m.method->service.value_or("");
  const std::string method = m.method->method.value_or("");
  return "~/" + (service.empty() ? ".+" : service) + "/" + (method.empty() && regex ? ".+" : method);
}

class GRPCRouteTranslator {
 public:
  GRPCRouteTranslator(Context& ctx, const kube::GRPCRoute& route, const kube::GRPCRoute& stored,
                      const Attachment& attachment, ExpressionPriorities& priorities)
      : ctx_(ctx), route_(route), stored_(stored), attachment_(attachment), priorities_(priorities) {
    prefix_ = "grpcroute." + route.meta.namespace_ + "." + route.meta.name;
    tags_ = TagsFor(route);
    // Every named rule's tag goes on every route of a GRPCRoute.
    for (const auto& rule : route.rules) AddNamedRuleTag(tags_, rule.name);
    bool http = false;
    for (const auto* l : attachment.listeners) http = http || l->protocol == "HTTP";
    service_protocol_ = http ? "grpc" : "grpcs";
  }

  void Run() {
    if (ctx_.options.flags.expression_routes)
      ExpressionRoutes();
    else
      TraditionalRoutes();
  }

 private:
  ServiceDraft& Service(const std::string& name, const kube::GRPCRouteRule& rule) {
    ServiceDraft& service =
        EnsureGatewayService(ctx_, name, route_.meta.namespace_, ObjectRef(route_), tags_, service_protocol_);
    const auto resolved =
        ResolveBackends(ctx_, kube::GRPCRoute::kKind, route_.meta.namespace_, rule.backend_refs);
    service.backends = resolved.usable;
    // KIC adds the terminator each time a route joins the service.
    if (!rule.backend_refs.empty() && resolved.usable.empty())
      service.service.plugins.push_back(NoBackendPlugin());
    return service;
  }

  RouteDraft NewRoute(std::string name, const kube::GRPCRouteRule& rule) const {
    RouteDraft draft;
    draft.source = RouteSource{&stored_.meta, ObjectRef(route_), kube::GRPCRoute::kKind};
    draft.expression_done = true;
    draft.route.name = std::move(name);
    draft.route.tags = tags_;
    auto plugins = PluginsForFilters(rule.filters, nullptr, tags_);
    draft.route.plugins = std::move(plugins.plugins);
    draft.plugin_refs = std::move(plugins.plugin_refs);
    return draft;
  }

  std::vector<std::string> Hostnames() const {
    if (!route_.hostnames.empty()) return route_.hostnames;
    std::vector<std::string> out;
    for (const auto* l : attachment_.listeners)
      if (l->hostname && !l->hostname->empty() &&
          std::find(out.begin(), out.end(), *l->hostname) == out.end())
        out.push_back(*l->hostname);
    return out;
  }

  void TraditionalRoutes() {
    const auto hosts = Hostnames();
    for (size_t i = 0; i < route_.rules.size(); ++i) {
      const auto& rule = route_.rules[i];
      ServiceDraft& service = Service(prefix_ + "." + std::to_string(i), rule);
      const size_t n = std::max<size_t>(1, rule.matches.size());
      for (size_t j = 0; j < n; ++j) {
        RouteDraft draft = NewRoute(prefix_ + "." + std::to_string(i) + "." + std::to_string(j), rule);
        kong::Route& r = draft.route;
        r.protocols = std::vector<std::string>{"grpc", "grpcs"};
        if (!hosts.empty()) r.hosts = hosts;
        if (!rule.matches.empty()) {
          const auto& m = rule.matches[j];
          if (auto path = MethodPath(m)) r.paths = std::vector<std::string>{*path};
          for (const auto& h : m.headers)
            r.headers[h.name].push_back(h.type.value_or("Exact") == "RegularExpression" ? "~*" + h.value
                                                                                        : h.value);
        }
        if (!r.paths && !r.hosts && r.headers.empty()) r.paths = std::vector<std::string>{"/"};
        service.routes.push_back(std::move(draft));
      }
    }
  }

  void ExpressionRoutes() {
    const std::vector<std::string> snis = SnisAnnotation(route_.meta);
    std::optional<std::vector<std::string>> protocols;
    bool http = false, https = false;
    for (const auto* l : attachment_.listeners) {
      http = http || l->protocol == "HTTP";
      https = https || l->protocol == "HTTPS";
    }
    if (http || https) {
      protocols = std::vector<std::string>{};
      if (http) protocols->push_back("grpc");
      if (https) protocols->push_back("grpcs");
    }
    const kube::GRPCRouteMatch empty_match;
    ForEachExpressionSplit(
        route_.hostnames, route_.rules, [&](const ExpressionSplit<kube::GRPCRouteMatch>& split) {
          const auto& rule = route_.rules[split.rule];
          // In this mode KIC makes a service per hostname and rule.
          const std::string service_name = prefix_ + "." + split.host_part + "." + std::to_string(split.rule);
          ServiceDraft& service = Service(service_name, rule);
          RouteDraft draft = NewRoute(service_name + "." + std::to_string(split.match_index), rule);
          draft.route.preserve_host = true;
          draft.route.protocols = protocols;
          const auto expr =
              GrpcRouteMatchExpression(split.host, snis, split.match ? *split.match : empty_match);
          draft.route.expression = expr.expression;
          service.routes.push_back(std::move(draft));
          priorities_.Add(service, expr.priority, route_.meta, split.rule, split.match_index,
                          split.host_index);
        });
  }

  Context& ctx_;
  const kube::GRPCRoute& route_;
  const kube::GRPCRoute& stored_;
  const Attachment& attachment_;
  ExpressionPriorities& priorities_;
  std::string prefix_;
  kong::Tags tags_;
  std::string service_protocol_;
};

}  // namespace

void TranslateGRPCRoutes(Context& ctx) {
  ExpressionPriorities priorities;
  for (const auto* original : SortedObjects<kube::GRPCRoute>(ctx.store)) {
    kube::GRPCRoute route = *original;
    if (ctx.options.apply_api_defaults) ApplyApiDefaults(route);
    const RouteRef ref{kube::GRPCRoute::kKind, &original->meta, &route.parent_refs, &route.hostnames};
    const Attachment attachment = Attach(ctx, ref);
    bool programmed = false;
    if (attachment.translate) {
      std::string error = route.rules.empty() ? "no rules provided" : "";
      for (const auto& rule : route.rules)
        if (error.empty()) error = UnsupportedFilter(rule.filters);
      if (!error.empty()) {
        ctx.Report(ObjectRef(route), "spec", "GRPCRoute can't be routed: " + error);
      } else {
        GRPCRouteTranslator(ctx, route, *original, attachment, priorities).Run();
        programmed = true;
      }
    }
    RecordRouteStatus(ctx, ref, attachment, nullptr, programmed);
  }
  priorities.Assign(kGrpcRouteRelativeOrderMax);
}

}  // namespace kic::translate
