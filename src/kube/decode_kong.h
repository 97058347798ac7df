#pragma once

// Decoders of Kong's own kinds, in the style of decode_impl.h. Included by decode_impl.h.

#include <optional>
#include <string_view>

#include "kube/decode.h"

namespace kic::kube::detail {

template <class V>
class Decoder;

template <class V>
SecretKeyRef DecodeSecretKeyRef(Decoder<V>& d, const V& parent) {
  SecretKeyRef ref;
  d.With(parent, "secretKeyRef", [&](const V& r) {
    ref.namespace_ = d.Str(r, "namespace");
    ref.name = d.Str(r, "name");
    ref.key = d.Str(r, "key");
  });
  return ref;
}

template <class V>
PluginSpec DecodePluginSpec(Decoder<V>& d, const V& root) {
  PluginSpec spec;
  spec.plugin = d.Str(root, "plugin");
  if (spec.plugin.empty()) {
    typename Decoder<V>::Scope s(d, "plugin");
    d.Fail("required: the name of a Kong plugin");
  }
  if (auto config = root.Get("config")) spec.config = config->ToJson();
  d.With(root, "configFrom", [&](const V& from) { spec.config_from = DecodeSecretKeyRef(d, from); });
  d.ForEach(root, "configPatches", [&](const V& p) {
    ConfigPatch patch;
    patch.path = d.Str(p, "path");
    d.With(p, "valueFrom", [&](const V& from) { patch.value_from = DecodeSecretKeyRef(d, from); });
    spec.config_patches.push_back(std::move(patch));
  });
  spec.disabled = d.OptBool(root, "disabled").value_or(false);
  spec.protocols = d.StrList(root, "protocols");
  spec.run_on = d.Str(root, "run_on");
  if (auto ordering = root.Get("ordering")) spec.ordering = ordering->ToJson();
  spec.instance_name = d.Str(root, "instance_name");
  return spec;
}

template <class V>
std::vector<L4Rule> DecodeL4Rules(Decoder<V>& d, const V& spec) {
  std::vector<L4Rule> rules;
  d.ForEach(spec, "rules", [&](const V& r) {
    L4Rule rule;
    rule.host = d.Str(r, "host");
    rule.port = d.Int(r, "port");
    d.With(r, "backend", [&](const V& b) {
      rule.service_name = d.Str(b, "serviceName");
      rule.service_port = d.Int(b, "servicePort");
    });
    rules.push_back(std::move(rule));
  });
  return rules;
}

// Decodes an object of Kong's groups; nullopt for kinds not kept.
template <class V>
std::optional<Object> DecodeKongObject(Decoder<V>& d, const V& root, std::string_view kind) {
  if (kind == KongPlugin::kKind) return KongPlugin{d.Meta(root), DecodePluginSpec(d, root)};
  if (kind == KongClusterPlugin::kKind) return KongClusterPlugin{d.Meta(root), DecodePluginSpec(d, root)};
  if (kind == KongConsumer::kKind) {
    KongConsumer c;
    c.meta = d.Meta(root);
    c.username = d.Str(root, "username");
    c.custom_id = d.Str(root, "custom_id");
    c.credentials = d.StrList(root, "credentials");
    c.consumer_groups = d.StrList(root, "consumerGroups");
    return c;
  }
  if (kind == KongConsumerGroup::kKind) return KongConsumerGroup{d.Meta(root)};
  if (kind == KongServiceFacade::kKind) {
    KongServiceFacade f;
    f.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) {
      d.With(spec, "backendRef", [&](const V& b) {
        f.backend_name = d.Str(b, "name");
        f.backend_port = d.Int(b, "port");
      });
    });
    return f;
  }
  if (kind == KongUpstreamPolicy::kKind) {
    KongUpstreamPolicy p;
    p.meta = d.Meta(root);
    if (auto spec = root.Get("spec")) p.spec = spec->ToJson();
    return p;
  }
  if (kind == KongIngress::kKind) {
    KongIngress ki;
    ki.meta = d.Meta(root);
    if (auto upstream = root.Get("upstream")) ki.upstream = upstream->ToJson();
    ki.has_proxy = root.Get("proxy").has_value();
    ki.has_route = root.Get("route").has_value();
    return ki;
  }
  if (kind == TCPIngress::kKind) {
    TCPIngress t;
    t.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) {
      t.rules = DecodeL4Rules(d, spec);
      d.ForEach(spec, "tls", [&](const V& tls) {
        t.tls.push_back(TCPIngress::TLS{d.StrList(tls, "hosts"), d.Str(tls, "secretName")});
      });
    });
    return t;
  }
  if (kind == UDPIngress::kKind) {
    UDPIngress u;
    u.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) { u.rules = DecodeL4Rules(d, spec); });
    return u;
  }
  if (kind == KongVault::kKind) {
    KongVault v;
    v.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) {
      v.backend = d.Str(spec, "backend");
      v.prefix = d.Str(spec, "prefix");
      v.description = d.Str(spec, "description");
      if (auto config = spec.Get("config")) v.config = config->ToJson();
      v.tags = d.StrList(spec, "tags");
    });
    return v;
  }
  if (kind == KongCustomEntity::kKind) {
    KongCustomEntity e;
    e.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) {
      e.type = d.Str(spec, "type");
      e.controller_name = d.Str(spec, "controllerName");
      if (auto fields = spec.Get("fields")) e.fields = fields->ToJson();
      d.With(spec, "parentRef", [&](const V& p) {
        e.parent_ref = KongCustomEntity::ParentRef{d.Str(p, "group"), d.Str(p, "kind"), d.Str(p, "namespace"),
                                                   d.Str(p, "name")};
      });
    });
    return e;
  }
  if (kind == IngressClassParameters::kKind) {
    IngressClassParameters p;
    p.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) {
      p.service_upstream = d.OptBool(spec, "serviceUpstream").value_or(false);
      p.enable_legacy_regex_detection = d.OptBool(spec, "enableLegacyRegexDetection").value_or(false);
    });
    return p;
  }
  return std::nullopt;
}

}  // namespace kic::kube::detail
