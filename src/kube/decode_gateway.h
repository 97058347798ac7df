#pragma once

// Decoders of the Gateway API kinds, in the style of decode_impl.h. Included by decode_impl.h.
// Objects are kept as written: the API server's defaults are applied later, by the translator,
// only when asked to (translate/gateway_defaults.h).

#include <optional>
#include <string_view>

#include "kube/decode.h"

namespace kic::kube::detail {

template <class V>
class Decoder;

// The pieces shared by several Gateway API kinds.
template <class V>
class GatewayDecoder {
 public:
  explicit GatewayDecoder(Decoder<V>& d) : d_(d) {}

  std::vector<GatewayCondition> Conditions(const V& parent) {
    std::vector<GatewayCondition> out;
    d_.ForEach(parent, "conditions", [&](const V& c) {
      out.push_back(GatewayCondition{d_.Str(c, "type"), d_.Str(c, "status"), d_.Str(c, "reason"),
                                     d_.Str(c, "message"), d_.Int(c, "observedGeneration")});
    });
    return out;
  }

  std::vector<ParentReference> ParentRefs(const V& spec) {
    std::vector<ParentReference> out;
    d_.ForEach(spec, "parentRefs", [&](const V& p) {
      out.push_back(ParentReference{d_.OptStr(p, "group"), d_.OptStr(p, "kind"), d_.OptStr(p, "namespace"),
                                    d_.Str(p, "name"), d_.OptStr(p, "sectionName"), d_.OptInt(p, "port")});
    });
    return out;
  }

  std::vector<GatewayBackendRef> BackendRefs(const V& rule) {
    std::vector<GatewayBackendRef> out;
    d_.ForEach(rule, "backendRefs", [&](const V& b) {
      GatewayBackendRef ref{d_.OptStr(b, "group"),
                            d_.OptStr(b, "kind"),
                            d_.Str(b, "name"),
                            d_.OptStr(b, "namespace"),
                            d_.OptInt(b, "port"),
                            d_.OptInt(b, "weight"),
                            false};
      d_.ForEach(b, "filters", [&](const V&) { ref.has_filters = true; });
      out.push_back(std::move(ref));
    });
    return out;
  }

  std::vector<HTTPValueMatch> ValueMatches(const V& match, std::string_view key) {
    std::vector<HTTPValueMatch> out;
    d_.ForEach(match, key, [&](const V& h) {
      out.push_back(HTTPValueMatch{d_.OptStr(h, "type"), d_.Str(h, "name"), d_.Str(h, "value")});
    });
    return out;
  }

  HTTPHeaderModifier HeaderModifier(const V& v) {
    HTTPHeaderModifier m;
    auto headers = [&](std::string_view key, std::vector<std::pair<std::string, std::string>>& into) {
      d_.ForEach(v, key, [&](const V& h) { into.emplace_back(d_.Str(h, "name"), d_.Str(h, "value")); });
    };
    headers("set", m.set);
    headers("add", m.add);
    m.remove = d_.StrList(v, "remove");
    return m;
  }

  std::optional<HTTPPathModifier> PathModifier(const V& parent) {
    std::optional<HTTPPathModifier> out;
    d_.With(parent, "path", [&](const V& p) {
      out = HTTPPathModifier{d_.Str(p, "type"), d_.OptStr(p, "replaceFullPath"),
                             d_.OptStr(p, "replacePrefixMatch")};
    });
    return out;
  }

  std::vector<HTTPRouteFilter> Filters(const V& rule) {
    std::vector<HTTPRouteFilter> out;
    d_.ForEach(rule, "filters", [&](const V& f) {
      HTTPRouteFilter filter;
      filter.type = d_.Str(f, "type");
      d_.With(f, "requestHeaderModifier",
              [&](const V& v) { filter.request_header_modifier = HeaderModifier(v); });
      d_.With(f, "responseHeaderModifier",
              [&](const V& v) { filter.response_header_modifier = HeaderModifier(v); });
      d_.With(f, "requestRedirect", [&](const V& v) {
        filter.request_redirect =
            HTTPRequestRedirect{d_.OptStr(v, "scheme"), d_.OptStr(v, "hostname"), PathModifier(v),
                                d_.OptInt(v, "port"), d_.OptInt(v, "statusCode")};
      });
      d_.With(f, "urlRewrite", [&](const V& v) {
        filter.url_rewrite = HTTPURLRewrite{d_.OptStr(v, "hostname"), PathModifier(v)};
      });
      d_.With(f, "extensionRef", [&](const V& v) {
        filter.extension_ref = LocalObjectReference{d_.Str(v, "group"), d_.Str(v, "kind"), d_.Str(v, "name")};
      });
      out.push_back(std::move(filter));
    });
    return out;
  }

  LabelSelector Selector(const V& v) {
    LabelSelector s;
    s.match_labels = d_.StrMap(v, "matchLabels");
    d_.ForEach(v, "matchExpressions", [&](const V& e) {
      s.match_expressions.push_back(
          LabelSelectorRequirement{d_.Str(e, "key"), d_.Str(e, "operator"), d_.StrList(e, "values")});
    });
    return s;
  }

  std::vector<RouteGroupKind> Kinds(const V& parent, std::string_view key) {
    std::vector<RouteGroupKind> out;
    d_.ForEach(parent, key, [&](const V& k) {
      out.push_back(RouteGroupKind{d_.OptStr(k, "group"), d_.Str(k, "kind")});
    });
    return out;
  }

  Listener DecodeListener(const V& v) {
    Listener l;
    l.name = d_.Str(v, "name");
    l.hostname = d_.OptStr(v, "hostname");
    l.port = d_.Int(v, "port");
    l.protocol = d_.Str(v, "protocol");
    d_.With(v, "tls", [&](const V& t) {
      Listener::Tls tls;
      tls.mode = d_.OptStr(t, "mode");
      d_.ForEach(t, "certificateRefs", [&](const V& c) {
        tls.certificate_refs.push_back(CertificateRef{d_.OptStr(c, "group"), d_.OptStr(c, "kind"),
                                                      d_.Str(c, "name"), d_.OptStr(c, "namespace")});
      });
      l.tls = std::move(tls);
    });
    d_.With(v, "allowedRoutes", [&](const V& a) {
      d_.With(a, "namespaces", [&](const V& n) {
        l.namespaces_from = d_.OptStr(n, "from");
        d_.With(n, "selector", [&](const V& s) { l.namespaces_selector = Selector(s); });
      });
      l.allowed_kinds = Kinds(a, "kinds");
    });
    return l;
  }

  std::vector<L4RouteRule> L4Rules(const V& spec) {
    std::vector<L4RouteRule> out;
    d_.ForEach(spec, "rules", [&](const V& r) {
      out.push_back(L4RouteRule{d_.OptStr(r, "name"), BackendRefs(r)});
    });
    return out;
  }

 private:
  Decoder<V>& d_;
};

template <class V>
HTTPRoute DecodeHTTPRoute(Decoder<V>& d, const V& root) {
  GatewayDecoder<V> g(d);
  HTTPRoute route;
  route.meta = d.Meta(root);
  d.With(root, "spec", [&](const V& spec) {
    route.parent_refs = g.ParentRefs(spec);
    route.hostnames = d.StrList(spec, "hostnames");
    d.ForEach(spec, "rules", [&](const V& r) {
      HTTPRouteRule rule;
      rule.name = d.OptStr(r, "name");
      d.ForEach(r, "matches", [&](const V& m) {
        HTTPRouteMatch match;
        d.With(m, "path", [&](const V& p) {
          match.path = HTTPPathMatch{d.OptStr(p, "type"), d.OptStr(p, "value")};
        });
        match.headers = g.ValueMatches(m, "headers");
        match.query_params = g.ValueMatches(m, "queryParams");
        match.method = d.OptStr(m, "method");
        rule.matches.push_back(std::move(match));
      });
      rule.filters = g.Filters(r);
      rule.backend_refs = g.BackendRefs(r);
      d.With(r, "timeouts", [&](const V& t) {
        rule.timeout_request = d.OptStr(t, "request");
        rule.timeout_backend_request = d.OptStr(t, "backendRequest");
      });
      route.rules.push_back(std::move(rule));
    });
  });
  return route;
}

template <class V>
GRPCRoute DecodeGRPCRoute(Decoder<V>& d, const V& root) {
  GatewayDecoder<V> g(d);
  GRPCRoute route;
  route.meta = d.Meta(root);
  d.With(root, "spec", [&](const V& spec) {
    route.parent_refs = g.ParentRefs(spec);
    route.hostnames = d.StrList(spec, "hostnames");
    d.ForEach(spec, "rules", [&](const V& r) {
      GRPCRouteRule rule;
      rule.name = d.OptStr(r, "name");
      d.ForEach(r, "matches", [&](const V& m) {
        GRPCRouteMatch match;
        d.With(m, "method", [&](const V& mm) {
          match.method =
              GRPCMethodMatch{d.OptStr(mm, "type"), d.OptStr(mm, "service"), d.OptStr(mm, "method")};
        });
        match.headers = g.ValueMatches(m, "headers");
        rule.matches.push_back(std::move(match));
      });
      rule.filters = g.Filters(r);
      rule.backend_refs = g.BackendRefs(r);
      route.rules.push_back(std::move(rule));
    });
  });
  return route;
}

// Decodes a gateway.networking.k8s.io object of `kind`; nullopt for kinds not kept.
template <class V>
std::optional<Object> DecodeGatewayObject(Decoder<V>& d, const V& root, std::string_view kind) {
  GatewayDecoder<V> g(d);
  if (kind == GatewayClass::kKind) {
    GatewayClass gc;
    gc.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) { gc.controller_name = d.Str(spec, "controllerName"); });
    d.With(root, "status", [&](const V& status) { gc.conditions = g.Conditions(status); });
    return gc;
  }
  if (kind == Gateway::kKind) {
    Gateway gw;
    gw.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) {
      gw.gateway_class_name = d.Str(spec, "gatewayClassName");
      d.ForEach(spec, "listeners", [&](const V& l) { gw.listeners.push_back(g.DecodeListener(l)); });
    });
    d.With(root, "status", [&](const V& status) {
      gw.conditions = g.Conditions(status);
      d.ForEach(status, "listeners", [&](const V& l) {
        gw.listener_statuses.push_back(ListenerStatus{d.Str(l, "name"), g.Kinds(l, "supportedKinds"),
                                                      d.Int(l, "attachedRoutes"), g.Conditions(l)});
      });
    });
    return gw;
  }
  if (kind == HTTPRoute::kKind) return DecodeHTTPRoute(d, root);
  if (kind == GRPCRoute::kKind) return DecodeGRPCRoute(d, root);
  if (kind == ReferenceGrant::kKind) {
    ReferenceGrant grant;
    grant.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) {
      d.ForEach(spec, "from", [&](const V& f) {
        grant.from.push_back(ReferenceGrantFrom{d.Str(f, "group"), d.Str(f, "kind"), d.Str(f, "namespace")});
      });
      d.ForEach(spec, "to", [&](const V& t) {
        grant.to.push_back(ReferenceGrantTo{d.Str(t, "group"), d.Str(t, "kind"), d.OptStr(t, "name")});
      });
    });
    return grant;
  }
  if (kind == TCPRoute::kKind || kind == UDPRoute::kKind || kind == TLSRoute::kKind) {
    std::vector<ParentReference> parents;
    std::vector<std::string> hostnames;
    std::vector<L4RouteRule> rules;
    ObjectMeta meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) {
      parents = g.ParentRefs(spec);
      hostnames = d.StrList(spec, "hostnames");
      rules = g.L4Rules(spec);
    });
    if (kind == TCPRoute::kKind) return TCPRoute{std::move(meta), std::move(parents), std::move(rules)};
    if (kind == UDPRoute::kKind) return UDPRoute{std::move(meta), std::move(parents), std::move(rules)};
    return TLSRoute{std::move(meta), std::move(parents), std::move(hostnames), std::move(rules)};
  }
  return std::nullopt;
}

}  // namespace kic::kube::detail
