#include "translate/annotations.h"

#include <algorithm>
#include <cstring>
#include <regex>

#include "common/strings.h"
#include "translate/hostnames.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

std::string Key(std::string_view name) {
  return std::string(kAnnotationPrefix) + std::string(name);
}

class AnnotationReader {
 public:
  AnnotationReader(const kube::ObjectMeta& meta, std::string object, Context& ctx)
      : meta_(meta), object_(std::move(object)), ctx_(ctx) {}

  // Looks up konghq.com/<name> without building a string: this runs for every annotation of every route.
  const std::string* Find(std::string_view name) const {
    char buf[128];
    const size_t n = kAnnotationPrefix.size() + name.size();
    if (n > sizeof(buf)) return meta_.annotations.Find(Key(name));
    std::memcpy(buf, kAnnotationPrefix.data(), kAnnotationPrefix.size());
    std::memcpy(buf + kAnnotationPrefix.size(), name.data(), name.size());
    return meta_.annotations.Find(std::string_view(buf, n));
  }

  void Bad(std::string_view name, const std::string& message) const {
    ctx_.Report(object_, AnnotationField(Key(name)), message);
  }

  // "true"/"false" in any case; anything else is reported.
  std::optional<bool> Bool(std::string_view name) const {
    const auto* v = Find(name);
    if (!v || v->empty()) return std::nullopt;
    const std::string lower = ToLower(*v);
    if (lower == "true") return true;
    if (lower == "false") return false;
    Bad(name, "expected true or false, got \"" + *v + "\"");
    return std::nullopt;
  }

  std::optional<int64_t> Int(std::string_view name, int64_t min, int64_t max) const {
    const auto* v = Find(name);
    if (!v || v->empty()) return std::nullopt;
    const auto parsed = ParseInt(*v);
    if (!parsed || *parsed < min || *parsed > max) {
      Bad(name, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                    ", got \"" + *v + "\"");
      return std::nullopt;
    }
    return parsed;
  }

  const kube::ObjectMeta& meta() const { return meta_; }

 private:
  const kube::ObjectMeta& meta_;
  std::string object_;
  Context& ctx_;
};

void OverrideMethods(kong::Route& r, const AnnotationReader& a) {
  const auto* v = a.Find("methods");
  if (!v || v->empty()) return;
  static const std::regex kMethod("^[A-Z]+$");
  std::vector<std::string> methods;
  for (const auto& m : Split(*v, ",")) {
    const std::string method = ToUpper(TrimSpace(m));
    if (!std::regex_match(method, kMethod)) {
      a.Bad("methods", "invalid HTTP method \"" + std::string(TrimSpace(m)) + "\": expected letters only");
      return;
    }
    methods.push_back(method);
  }
  r.methods = std::move(methods);
}

void OverrideHttpsRedirect(kong::Route& r, const AnnotationReader& a) {
  if (a.meta().annotations.Get("ingress.kubernetes.io/force-ssl-redirect") == "true") {
    r.https_redirect_status_code = 302;
    const bool grpc =
        r.protocols && std::any_of(r.protocols->begin(), r.protocols->end(),
                                   [](const std::string& p) { return p == "grpc" || p == "grpcs"; });
    r.protocols = std::vector<std::string>{grpc ? "grpcs" : "https"};
  }
  const auto* v = a.Find("https-redirect-status-code");
  if (!v || v->empty()) return;
  const auto code = ParseInt(*v);
  if (!code || (*code != 426 && *code != 301 && *code != 302 && *code != 307 && *code != 308)) {
    a.Bad("https-redirect-status-code", "expected one of 426, 301, 302, 307, 308, got \"" + *v + "\"");
    return;
  }
  r.https_redirect_status_code = *code;
}

void OverrideProtocols(kong::Route& r, const AnnotationReader& a) {
  const auto* v = a.Find("protocols");
  if (!v || v->empty()) return;
  std::vector<std::string> protocols;
  for (const auto& p : Split(*v, ",")) {
    const std::string protocol(TrimSpace(p));
    if (!IsValidProtocol(protocol)) {
      a.Bad("protocols",
            "invalid protocol \"" + protocol +
                "\": expected http, https, grpc, grpcs, tcp, tls, tls_passthrough, udp, ws or wss");
      return;
    }
    protocols.push_back(protocol);
  }
  r.protocols = std::move(protocols);
}

void OverrideHosts(kong::Route& r, const AnnotationReader& a) {
  const auto* v = a.Find("host-aliases");
  if (!v) return;
  std::vector<std::string> hosts = r.hosts.value_or(std::vector<std::string>{});
  for (const auto& piece : Split(*v, ",")) {
    const std::string host(TrimSpace(piece));
    if (host.empty()) continue;
    if (!IsValidRouteHost(host)) {
      a.Bad("host-aliases", "invalid host \"" + host + "\"");
      continue;
    }
    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) hosts.push_back(host);
  }
  if (!hosts.empty()) r.hosts = std::move(hosts);
}

void OverridePathHandling(kong::Route& r, const AnnotationReader& a) {
  const auto* v = a.Find("path-handling");
  if (!v) return;
  static const std::regex kPathHandling("^v\\d$");
  if (!std::regex_match(*v, kPathHandling)) {
    a.Bad("path-handling", "expected v0 or v1, got \"" + *v + "\"");
    return;
  }
  r.path_handling = *v;
}

void OverrideHeaders(kong::Route& r, const AnnotationReader& a) {
  const auto headers = ExtractHeaderAnnotations(a.meta());
  for (const auto& [name, values] : headers) {
    if (EqualFold(name, "host")) {
      a.Bad("headers." + name,
            "the Host header cannot be matched with a header annotation; use hosts instead");
      continue;
    }
    r.headers[name] = values;
  }
}

void OverrideSnis(kong::Route& r, const AnnotationReader& a) {
  const auto* v = a.Find("snis");
  if (!v) return;
  std::vector<std::string> snis;
  for (const auto& piece : Split(*v, ",")) {
    const std::string sni(TrimSpace(piece));
    if (sni.empty()) continue;
    if (!IsValidSni(sni)) {
      a.Bad("snis", "invalid SNI \"" + sni + "\": expected a hostname without wildcards");
      return;
    }
    snis.push_back(sni);
  }
  if (snis.empty())
    r.snis.reset();
  else
    r.snis = std::move(snis);
}

// Kong rejects grpc and http protocols on one route, and strip_path on gRPC routes.
void NormalizeProtocols(kong::Route& r) {
  if (!r.protocols) return;
  bool grpc = false, http = false;
  for (const auto& p : *r.protocols) {
    if (p == "grpc" || p == "grpcs") grpc = true;
    if (p == "http" || p == "https") http = true;
  }
  if (grpc && http) r.protocols = std::vector<std::string>{"http", "https"};
  if (grpc && !http) r.strip_path.reset();
}

}  // namespace

std::string AnnotationField(std::string_view key) {
  return "metadata.annotations[" + std::string(key) + "]";
}

bool IsValidProtocol(std::string_view p) {
  return p == "http" || p == "https" || p == "grpc" || p == "grpcs" || p == "tcp" || p == "tls" ||
         p == "udp" || p == "tls_passthrough" || p == "ws" || p == "wss";
}

std::map<std::string, std::vector<std::string>> ExtractHeaderAnnotations(const kube::ObjectMeta& meta) {
  std::map<std::string, std::vector<std::string>> headers;
  std::string separator(meta.annotations.Get(Key("headers-separator")));
  if (separator.empty()) separator = ",";
  const std::string prefix = Key("headers.");
  for (const auto& [key, value] : meta.annotations.entries()) {
    if (key.size() <= prefix.size() || key.compare(0, prefix.size(), prefix) != 0 || value.empty()) continue;
    std::vector<std::string> values;
    for (const auto& piece : Split(value, separator)) values.emplace_back(TrimSpace(piece));
    headers[key.substr(prefix.size())] = std::move(values);
  }
  return headers;
}

void ApplyRouteAnnotations(RouteDraft& draft, bool expression_routes, Context& ctx) {
  const AnnotationReader a(*draft.source.meta, draft.source.ref, ctx);
  kong::Route& r = draft.route;
  if (!expression_routes) OverrideMethods(r, a);
  if (auto v = a.Bool("strip-path")) r.strip_path = *v;
  OverrideHttpsRedirect(r, a);
  if (auto v = a.Bool("preserve-host")) r.preserve_host = *v;
  OverrideProtocols(r, a);
  if (!expression_routes) {
    if (auto v = a.Int("regex-priority", INT32_MIN, INT32_MAX)) r.regex_priority = *v;
  }
  if (auto v = a.Bool("request-buffering")) r.request_buffering = *v;
  if (auto v = a.Bool("response-buffering")) r.response_buffering = *v;
  if (!expression_routes) {
    OverrideHosts(r, a);
    OverridePathHandling(r, a);
    OverrideHeaders(r, a);
    OverrideSnis(r, a);
    NormalizeProtocols(r);
  }
}

void ApplyServiceAnnotations(kong::Service& s, const kube::Service& k8s, Context& ctx) {
  const AnnotationReader a(k8s.meta, ObjectRef(k8s), ctx);
  if (const auto* v = a.Find("protocol"); v && !v->empty()) {
    if (!IsValidProtocol(*v) || *v == "ws" || *v == "wss") {
      a.Bad("protocol", "invalid protocol \"" + *v +
                            "\": expected http, https, grpc, grpcs, tcp, tls, tls_passthrough or udp");
    } else {
      s.protocol = *v;
      // Kong allows a path only on HTTP services.
      if (*v != "http" && *v != "https") s.path.reset();
    }
  }
  if (const auto* v = a.Find("path"); v && !v->empty()) {
    if ((*v)[0] != '/')
      a.Bad("path", "expected a path starting with '/', got \"" + *v + "\"");
    else if (s.protocol && *s.protocol != "http" && *s.protocol != "https")
      a.Bad("path", "a path is only allowed for http and https services");
    else
      s.path = *v;
  }
  constexpr int64_t kMaxTimeout = 2147483646;
  if (auto v = a.Int("connect-timeout", 1, kMaxTimeout)) s.connect_timeout = *v;
  if (auto v = a.Int("read-timeout", 1, kMaxTimeout)) s.read_timeout = *v;
  if (auto v = a.Int("write-timeout", 1, kMaxTimeout)) s.write_timeout = *v;
  if (auto v = a.Int("retries", 0, 32767)) s.retries = *v;
  if (auto v = a.Bool("tls-verify")) s.tls_verify = *v;
  if (auto v = a.Int("tls-verify-depth", 0, 64)) s.tls_verify_depth = *v;
}

}  // namespace kic::translate
