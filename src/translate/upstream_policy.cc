#include "translate/upstream_policy.h"

#include "translate/annotations.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

constexpr std::string_view kPolicyAnnotation = "konghq.com/upstream-policy";
constexpr std::string_view kOverrideAnnotation = "konghq.com/override";

// healthCheckType -> health_check_type, for the policy's healthchecks (header names are left alone).
std::string SnakeCase(std::string_view camel) {
  std::string out;
  for (char c : camel) {
    if (c >= 'A' && c <= 'Z') {
      out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

nlohmann::json SnakeCaseKeys(const nlohmann::json& v, bool keep_keys = false) {
  if (v.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      const bool headers = it.key() == "headers";
      out[keep_keys ? it.key() : SnakeCase(it.key())] = SnakeCaseKeys(it.value(), headers);
    }
    return out;
  }
  if (v.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : v) out.push_back(SnakeCaseKeys(item));
    return out;
  }
  return v;
}

std::optional<std::string> StringAt(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) return std::nullopt;
  return obj[key].get<std::string>();
}

kong::UpstreamBalancing& Balancing(kong::Upstream& u) {
  if (!u.balancing) u.balancing = kong::UpstreamBalancing{};
  return *u.balancing;
}

// hashOn / hashOnFallback: one of input, header, cookie (+cookiePath), queryArg, uriCapture.
void ApplyHash(kong::Upstream& u, const nlohmann::json& hash, bool fallback) {
  auto& lb = Balancing(u);
  auto& mode = fallback ? lb.hash_fallback : lb.hash_on;
  if (auto input = StringAt(hash, "input")) mode = *input;
  if (auto header = StringAt(hash, "header")) {
    mode = "header";
    (fallback ? lb.hash_fallback_header : lb.hash_on_header) = *header;
  }
  if (auto cookie = StringAt(hash, "cookie")) {
    mode = "cookie";
    lb.hash_on_cookie = *cookie;
    if (auto path = StringAt(hash, "cookiePath")) lb.hash_on_cookie_path = *path;
  }
  if (auto arg = StringAt(hash, "queryArg")) {
    mode = "query_arg";
    (fallback ? lb.hash_fallback_query_arg : lb.hash_on_query_arg) = *arg;
  }
  if (auto capture = StringAt(hash, "uriCapture")) {
    mode = "uri_capture";
    (fallback ? lb.hash_fallback_uri_capture : lb.hash_on_uri_capture) = *capture;
  }
}

void ApplyPolicySpec(kong::Upstream& u, const nlohmann::json& spec) {
  if (auto algorithm = StringAt(spec, "algorithm")) u.algorithm = *algorithm;
  if (spec.contains("slots") && spec["slots"].is_number_integer()) u.slots = spec["slots"].get<int64_t>();
  if (spec.contains("hashOn")) ApplyHash(u, spec["hashOn"], false);
  if (spec.contains("hashOnFallback")) ApplyHash(u, spec["hashOnFallback"], true);
  if (spec.contains("healthchecks")) Balancing(u).healthchecks = SnakeCaseKeys(spec["healthchecks"]);
  if (spec.contains("stickySessions")) {
    const auto& sticky = spec["stickySessions"];
    auto& lb = Balancing(u);
    if (auto cookie = StringAt(sticky, "cookie")) lb.sticky_sessions_cookie = *cookie;
    if (auto path = StringAt(sticky, "cookiePath")) lb.sticky_sessions_cookie_path = *path;
  }
}

// KongIngress.upstream uses Kong's own field names.
void ApplyKongIngressUpstream(kong::Upstream& u, const nlohmann::json& up) {
  auto str = [&](const char* key, std::optional<std::string>& field) {
    if (auto v = StringAt(up, key)) field = *v;
  };
  str("algorithm", u.algorithm);
  str("host_header", u.host_header);
  auto& lb = Balancing(u);
  str("hash_on", lb.hash_on);
  str("hash_fallback", lb.hash_fallback);
  str("hash_on_header", lb.hash_on_header);
  str("hash_fallback_header", lb.hash_fallback_header);
  str("hash_on_cookie", lb.hash_on_cookie);
  str("hash_on_cookie_path", lb.hash_on_cookie_path);
  str("hash_on_query_arg", lb.hash_on_query_arg);
  str("hash_fallback_query_arg", lb.hash_fallback_query_arg);
  str("hash_on_uri_capture", lb.hash_on_uri_capture);
  str("hash_fallback_uri_capture", lb.hash_fallback_uri_capture);
  if (up.contains("slots") && up["slots"].is_number_integer()) u.slots = up["slots"].get<int64_t>();
  if (up.contains("healthchecks")) lb.healthchecks = up["healthchecks"];
}

}  // namespace

void ApplyUpstreamPolicy(kong::Upstream& upstream, const ServiceDraft& draft, Context& ctx) {
  if (draft.k8s_services.empty()) return;
  // Which object carries the annotations: the facade when there is one, else each backing Service.
  std::vector<std::pair<const kube::ObjectMeta*, std::string>> carriers;
  if (draft.facade)
    carriers.emplace_back(&draft.facade->meta, ObjectRef(*draft.facade));
  else
    for (const auto* svc : draft.k8s_services) carriers.emplace_back(&svc->meta, ObjectRef(*svc));

  const std::string* policy_name = carriers.front().first->annotations.Find(kPolicyAnnotation);
  for (const auto& [meta, ref] : carriers) {
    const auto* name = meta->annotations.Find(kPolicyAnnotation);
    if ((name == nullptr) != (policy_name == nullptr) || (name && *name != *policy_name)) {
      ctx.Report(ref, AnnotationField(kPolicyAnnotation),
                 "every Service behind Kong service " + draft.service.name +
                     " must name the same KongUpstreamPolicy; none is applied");
      return;
    }
  }
  const auto& [meta, ref] = carriers.front();
  if (policy_name) {
    const auto* policy = ctx.store.Of<kube::KongUpstreamPolicy>().Get(meta->namespace_, *policy_name);
    if (!policy) {
      ctx.Report(ref, AnnotationField(kPolicyAnnotation),
                 "KongUpstreamPolicy " + meta->namespace_ + "/" + *policy_name + " not found");
      return;
    }
    ApplyPolicySpec(upstream, policy->spec);
    if (meta->annotations.Has(kOverrideAnnotation))
      ctx.Report(
          ref, AnnotationField(kOverrideAnnotation),
          "both konghq.com/override and konghq.com/upstream-policy are set; the KongUpstreamPolicy wins");
    return;
  }
  if (const auto* override_name = meta->annotations.Find(kOverrideAnnotation)) {
    const auto* ki = ctx.store.Of<kube::KongIngress>().Get(meta->namespace_, *override_name);
    if (!ki) {
      ctx.Report(ref, AnnotationField(kOverrideAnnotation),
                 "KongIngress " + meta->namespace_ + "/" + *override_name + " not found");
      return;
    }
    ctx.Report(ref, AnnotationField(kOverrideAnnotation),
               "deprecated: KongIngress overrides are replaced by konghq.com/upstream-policy and "
               "KongUpstreamPolicy");
    if (ki->has_proxy || ki->has_route)
      ctx.Report(ObjectRef(*ki), "proxy",
                 "KongIngress proxy and route sections are no longer supported; use the "
                 "Service's and Ingress' konghq.com annotations");
    if (ki->upstream) ApplyKongIngressUpstream(upstream, *ki->upstream);
  }
}

}  // namespace kic::translate
