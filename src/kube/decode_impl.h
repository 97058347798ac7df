#pragma once

// Object decoders, written once against the value interface of decode_value.h.
// Included only by decode_yaml.cc and decode_json.cc.

#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "kube/decode.h"
#include "kube/decode_gateway.h"
#include "kube/decode_kong.h"

namespace kic::kube::detail {

template <class V>
class Decoder {
 public:
  // Descends into a field for the duration of the scope, so errors name the full path.
  class Scope {
   public:
    Scope(Decoder& d, std::string_view key, int index = -1) : d_(d) { d_.path_.emplace_back(key, index); }
    ~Scope() { d_.path_.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Decoder& d_;
  };

  [[noreturn]] void Fail(const std::string& message) const { throw DecodeError(PathString(), message); }

  std::string PathString() const {
    std::string out;
    for (const auto& [key, index] : path_) {
      if (index >= 0) {
        out += '[';
        out += std::to_string(index);
        out += ']';
      } else {
        if (!out.empty()) out += '.';
        out += key;
      }
    }
    return out;
  }

  // ---- field readers: absent or null yields the default; a wrong type fails ----

  std::string Str(const V& parent, std::string_view key) {
    auto v = parent.Get(key);
    if (!v) return {};
    Scope s(*this, key);
    return StrOf(*v);
  }
  std::string StrOf(const V& v) {
    if (!v.IsScalar()) Fail("expected a string");
    auto t = v.Text();
    return t ? std::string(*t) : std::string();
  }
  std::optional<std::string> OptStr(const V& parent, std::string_view key) {
    auto v = parent.Get(key);
    if (!v) return std::nullopt;
    Scope s(*this, key);
    return StrOf(*v);
  }
  std::optional<int64_t> OptInt(const V& parent, std::string_view key) {
    auto v = parent.Get(key);
    if (!v) return std::nullopt;
    Scope s(*this, key);
    auto i = v->Int();
    if (!i) Fail("expected an integer");
    return i;
  }
  int64_t Int(const V& parent, std::string_view key) { return OptInt(parent, key).value_or(0); }
  std::optional<bool> OptBool(const V& parent, std::string_view key) {
    auto v = parent.Get(key);
    if (!v) return std::nullopt;
    Scope s(*this, key);
    auto b = v->Bool();
    if (!b) Fail("expected true or false");
    return b;
  }
  IntOrString IntOrStr(const V& parent, std::string_view key) {
    IntOrString out;
    auto v = parent.Get(key);
    if (!v) return out;
    Scope s(*this, key);
    if (!v->IsString()) {
      out.number = v->Int();
      if (!out.number) Fail("expected an integer or a string");
    } else {
      out.name = StrOf(*v);
    }
    return out;
  }
  std::vector<std::string> StrList(const V& parent, std::string_view key) {
    std::vector<std::string> out;
    ForEach(parent, key, [&](const V& item) { out.push_back(StrOf(item)); });
    out.shrink_to_fit();
    return out;
  }
  StringMap StrMap(const V& parent, std::string_view key) {
    StringMap out;
    auto v = parent.Get(key);
    if (!v) return out;
    Scope s(*this, key);
    if (!v->IsMap()) Fail("expected a map of strings");
    v->ForEachField([&](std::string_view k, const V& value) {
      Scope fs(*this, k);
      out.Set(std::string(k), value.IsNull() ? std::string() : StrOf(value));
    });
    return out;
  }
  // Calls f(item) for each item of the list `key`, with the path pointing at the item.
  template <class F>
  void ForEach(const V& parent, std::string_view key, F&& f) {
    auto v = parent.Get(key);
    if (!v) return;
    Scope s(*this, key);
    if (!v->IsSeq()) Fail("expected a list");
    int index = 0;
    v->ForEachItem([&](const V& item) {
      Scope is(*this, key, index++);
      f(item);
    });
  }
  // Runs f(child) when the map `key` is present.
  template <class F>
  bool With(const V& parent, std::string_view key, F&& f) {
    auto v = parent.Get(key);
    if (!v) return false;
    Scope s(*this, key);
    if (!v->IsMap()) Fail("expected an object");
    f(*v);
    return true;
  }

  // ---- objects ----

  ObjectMeta Meta(const V& root) {
    ObjectMeta meta;
    meta.api_version = Str(root, "apiVersion");
    With(root, "metadata", [&](const V& m) {
      meta.name = Str(m, "name");
      meta.namespace_ = Str(m, "namespace");
      meta.uid = Str(m, "uid");
      meta.resource_version = Str(m, "resourceVersion");
      meta.generation = Int(m, "generation");
      if (auto ts = OptStr(m, "creationTimestamp")) {
        Scope s(*this, "creationTimestamp");
        meta.creation_timestamp = ParseTimestamp(*ts);
      }
      meta.labels = StrMap(m, "labels");
      meta.annotations = StrMap(m, "annotations");
      // kubectl apply's copy of the whole object as last applied: nothing here reads it, and it is
      // the object's size again (a Secret's data included) in every object of the store.
      meta.annotations.Erase(kLastAppliedAnnotation);
    });
    if (meta.name.empty()) {
      Scope s(*this, "metadata");
      Scope n(*this, "name");
      Fail("required");
    }
    return meta;
  }

  int64_t ParseTimestamp(const std::string& text) {
    // Every object of a LIST carries one: sscanf + timegm were a tenth of decoding a page.
    if (auto fast = ParseCanonicalTimestamp(text)) return *fast;
    std::tm tm{};
    int y, mo, d, h, mi, s;
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
      Fail("expected an RFC 3339 time, got \"" + text + "\"");
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return static_cast<int64_t>(timegm(&tm));
  }

  // "YYYY-MM-DDTHH:MM:SS..." with every field in range, as the API server writes it; nullopt
  // otherwise (the sscanf path handles the rest exactly as before).
  static std::optional<int64_t> ParseCanonicalTimestamp(std::string_view t) {
    auto num = [&](size_t at, size_t len) {
      int v = 0;
      for (size_t i = at; i < at + len; ++i) {
        if (t[i] < '0' || t[i] > '9') return -1;
        v = v * 10 + (t[i] - '0');
      }
      return v;
    };
    if (t.size() < 19 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':')
      return std::nullopt;
    const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2);
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
      return std::nullopt;
    constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > kMonthDays[mo - 1] + (mo == 2 && leap ? 1 : 0)) return std::nullopt;
    // Days since the epoch of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    const int yy = y - (mo <= 2);
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const int64_t days = int64_t{era} * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + mi * 60 + s;
  }

  IngressBackend Backend(const V& v) {
    IngressBackend b;
    With(v, "service", [&](const V& svc) {
      IngressBackend::ServiceRef ref;
      ref.name = Str(svc, "name");
      With(svc, "port", [&](const V& port) {
        ref.port.number = OptInt(port, "number");
        ref.port.name = Str(port, "name");
      });
      b.service = std::move(ref);
    });
    With(v, "resource", [&](const V& res) {
      b.resource = IngressBackend::ResourceRef{Str(res, "apiGroup"), Str(res, "kind"), Str(res, "name")};
    });
    return b;
  }

  Ingress DecodeIngress(const V& root) {
    Ingress ing;
    ing.meta = Meta(root);
    With(root, "spec", [&](const V& spec) {
      ing.ingress_class_name = OptStr(spec, "ingressClassName");
      With(spec, "defaultBackend", [&](const V& b) { ing.default_backend = Backend(b); });
      ForEach(spec, "rules", [&](const V& r) {
        IngressRule rule;
        rule.host = Str(r, "host");
        With(r, "http", [&](const V& http) {
          ForEach(http, "paths", [&](const V& p) {
            HTTPIngressPath path;
            path.path = Str(p, "path");
            path.path_type = Str(p, "pathType");
            With(p, "backend", [&](const V& b) { path.backend = Backend(b); });
            rule.paths.push_back(std::move(path));
          });
        });
        rule.paths.shrink_to_fit();
        ing.rules.push_back(std::move(rule));
      });
      // Exact sizes: objects stay in the store for the controller's lifetime.
      ing.rules.shrink_to_fit();
      ForEach(spec, "tls", [&](const V& t) {
        ing.tls.push_back(IngressTLS{StrList(t, "hosts"), Str(t, "secretName")});
      });
      ing.tls.shrink_to_fit();
    });
    return ing;
  }

  IngressClass DecodeIngressClass(const V& root) {
    IngressClass ic;
    ic.meta = Meta(root);
    With(root, "spec", [&](const V& spec) {
      ic.controller = Str(spec, "controller");
      With(spec, "parameters", [&](const V& p) {
        ic.parameters = IngressClass::Parameters{Str(p, "apiGroup"), Str(p, "kind"), Str(p, "name"),
                                                 Str(p, "namespace"), Str(p, "scope")};
      });
    });
    return ic;
  }

  Namespace DecodeNamespace(const V& root) {
    Namespace ns;
    ns.meta = Meta(root);
    // The API server sets this label on every Namespace (1.21+); manifests often leave it out, and
    // selectors in the wild (and the conformance suite) match on it.
    if (!ns.meta.labels.Has("kubernetes.io/metadata.name"))
      ns.meta.labels.Set("kubernetes.io/metadata.name", ns.meta.name);
    return ns;
  }

  Service DecodeService(const V& root) {
    Service svc;
    svc.meta = Meta(root);
    With(root, "spec", [&](const V& spec) {
      if (auto t = OptStr(spec, "type")) svc.type = *t;
      svc.external_name = Str(spec, "externalName");
      svc.cluster_ips = StrList(spec, "clusterIPs");
      if (svc.cluster_ips.empty()) {
        if (auto ip = OptStr(spec, "clusterIP")) svc.cluster_ips.push_back(*ip);
      }
      ForEach(spec, "ports", [&](const V& p) {
        ServicePort port;
        port.name = Str(p, "name");
        if (auto proto = OptStr(p, "protocol")) port.protocol = *proto;
        port.port = Int(p, "port");
        port.target_port = IntOrStr(p, "targetPort");
        svc.ports.push_back(std::move(port));
      });
      svc.ports.shrink_to_fit();
    });
    With(root, "status", [&](const V& status) {
      With(status, "loadBalancer", [&](const V& lb) {
        ForEach(lb, "ingress", [&](const V& i) {
          if (auto ip = OptStr(i, "ip")) svc.load_balancer_ips.push_back(*ip);
          if (auto host = OptStr(i, "hostname")) svc.load_balancer_hostnames.push_back(*host);
        });
      });
    });
    return svc;
  }

  Secret DecodeSecret(const V& root) {
    Secret secret;
    secret.meta = Meta(root);
    secret.type = Str(root, "type");
    // Helm keeps every revision of every release in such a Secret (tens to hundreds of KB each, many
    // per cluster); no Kong entity can come from one, so only its metadata is kept.
    if (secret.type == kHelmReleaseSecretType) return secret;
    const StringMap encoded = StrMap(root, "data");
    for (const auto& [key, value] : encoded.entries()) {
      auto decoded = Base64Decode(value);
      if (!decoded) {
        Scope d(*this, "data");
        Scope k(*this, key);
        Fail("expected base64-encoded data");
      }
      secret.data.Set(key, std::move(*decoded));
    }
    const StringMap string_data = StrMap(root, "stringData");
    for (const auto& [key, value] : string_data.entries()) secret.data.Set(key, value);
    return secret;
  }

  ConfigMap DecodeConfigMap(const V& root) {
    ConfigMap cm;
    cm.meta = Meta(root);
    cm.data = StrMap(root, "data");
    const StringMap binary = StrMap(root, "binaryData");
    for (const auto& [key, value] : binary.entries()) {
      auto decoded = Base64Decode(value);
      if (!decoded) {
        Scope d(*this, "binaryData");
        Scope k(*this, key);
        Fail("expected base64-encoded data");
      }
      cm.data.Set(key, std::move(*decoded));
    }
    return cm;
  }

  EndpointSlice DecodeEndpointSlice(const V& root) {
    EndpointSlice slice;
    slice.meta = Meta(root);
    slice.address_type = Str(root, "addressType");
    ForEach(root, "endpoints", [&](const V& e) {
      Endpoint ep;
      ep.addresses = StrList(e, "addresses");
      With(e, "conditions", [&](const V& c) {
        ep.ready = OptBool(c, "ready");
        ep.serving = OptBool(c, "serving");
        ep.terminating = OptBool(c, "terminating");
      });
      slice.endpoints.push_back(std::move(ep));
    });
    ForEach(root, "ports", [&](const V& p) {
      EndpointPort port;
      port.name = OptStr(p, "name");
      if (auto proto = OptStr(p, "protocol")) port.protocol = *proto;
      port.port = OptInt(p, "port");
      slice.ports.push_back(std::move(port));
    });
    slice.endpoints.shrink_to_fit();
    slice.ports.shrink_to_fit();
    return slice;
  }

  std::optional<Object> DecodeAny(const V& root) {
    const std::string api_version = Str(root, "apiVersion");
    const std::string kind = Str(root, "kind");
    const auto slash = api_version.find('/');
    const std::string group = slash == std::string::npos ? "" : api_version.substr(0, slash);
    if (kind == "Ingress" && group == "networking.k8s.io") return DecodeIngress(root);
    if (kind == "IngressClass" && group == "networking.k8s.io") return DecodeIngressClass(root);
    if (kind == "Service" && group.empty()) return DecodeService(root);
    if (kind == "Namespace" && group.empty()) return DecodeNamespace(root);
    if (kind == "Secret" && group.empty()) return DecodeSecret(root);
    if (kind == "ConfigMap" && group.empty()) return DecodeConfigMap(root);
    if (kind == "EndpointSlice" && group == "discovery.k8s.io") return DecodeEndpointSlice(root);
    if (group == "configuration.konghq.com" || group == "incubator.ingress-controller.konghq.com")
      return DecodeKongObject(*this, root, kind);
    if (group == "gateway.networking.k8s.io") return DecodeGatewayObject(*this, root, kind);
    return std::nullopt;
  }

  TypeInfo ReadType(const V& root) {
    TypeInfo t;
    if (!root.IsMap()) return t;
    auto text = [](const std::optional<V>& v) {
      if (!v || !v->IsScalar()) return std::string();
      auto t = v->Text();
      return t ? std::string(*t) : std::string();
    };
    t.api_version = text(root.Get("apiVersion"));
    t.kind = text(root.Get("kind"));
    if (auto m = root.Get("metadata"); m && m->IsMap()) {
      t.name = text(m->Get("name"));
      t.namespace_ = text(m->Get("namespace"));
    }
    return t;
  }

 private:
  std::vector<std::pair<std::string_view, int>> path_;
};

}  // namespace kic::kube::detail
