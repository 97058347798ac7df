#include "translate/services.h"

#include "common/strings.h"
#include "translate/annotations.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

std::string EffectiveProtocol(const kube::Service& svc) {
  const auto p = svc.meta.annotations.Get("konghq.com/protocol");
  return p.empty() ? "http" : std::string(p);
}

bool IsTlsProtocol(std::string_view p) {
  return p == "https" || p == "tls" || p == "grpcs" || p == "wss";
}

void HandleClientCertificate(Context& ctx, ServiceDraft& draft, const kube::Service& svc) {
  const auto secret_name = svc.meta.annotations.Get("konghq.com/client-cert");
  if (secret_name.empty()) return;
  const std::string field = AnnotationField("konghq.com/client-cert");
  const auto* secret = ctx.store.secrets().Get(svc.meta.namespace_, secret_name);
  if (!secret) {
    ctx.Report(ObjectRef(svc), field,
               "Secret " + svc.meta.namespace_ + "/" + std::string(secret_name) + " not found");
    return;
  }
  const std::string protocol = EffectiveProtocol(svc);
  if (!IsTlsProtocol(protocol)) {
    ctx.Report(ObjectRef(svc), field,
               "a client certificate needs a TLS protocol (konghq.com/protocol: https or tls), not \"" +
                   protocol + "\"");
    return;
  }
  ctx.tls.Add(svc.meta.namespace_ + "/" + std::string(secret_name), {}, ObjectRef(svc));
  draft.service.client_certificate = secret->meta.uid.str();
}

void HandleCaCertificates(Context& ctx, ServiceDraft& draft, const kube::Service& svc) {
  const auto* secrets = svc.meta.annotations.Find("konghq.com/ca-certificates-secrets");
  const auto* config_maps = svc.meta.annotations.Find("konghq.com/ca-certificates-configmaps");
  if ((!secrets || secrets->empty()) && (!config_maps || config_maps->empty())) return;
  const std::string object = ObjectRef(svc);
  const auto tls_verify = ParseGoBool(svc.meta.annotations.Get("konghq.com/tls-verify"));
  if (!tls_verify || !*tls_verify) {
    ctx.Report(object, AnnotationField("konghq.com/ca-certificates-secrets"),
               "CA certificates need konghq.com/tls-verify: \"true\"");
    return;
  }
  const std::string protocol = EffectiveProtocol(svc);
  if (!IsTlsProtocol(protocol)) {
    ctx.Report(
        object, AnnotationField("konghq.com/ca-certificates-secrets"),
        "CA certificates need a TLS protocol (konghq.com/protocol: https or tls), not \"" + protocol + "\"");
    return;
  }
  std::vector<std::string> ids = draft.service.ca_certificates.value_or(std::vector<std::string>{});
  if (secrets) {
    for (const auto& piece : Split(*secrets, ",")) {
      const std::string name(TrimSpace(piece));
      if (name.empty()) continue;
      const auto* secret = ctx.store.secrets().Get(svc.meta.namespace_, name);
      if (!secret) {
        ctx.Report(object, AnnotationField("konghq.com/ca-certificates-secrets"),
                   "Secret " + svc.meta.namespace_ + "/" + name + " not found");
        continue;
      }
      const auto* id = secret->data.Find("id");
      if (!id) {
        ctx.Report(ObjectRef(*secret), "data.id", "a CA certificate Secret needs an 'id' key");
        continue;
      }
      ids.push_back(*id);
    }
  }
  if (config_maps) {
    for (const auto& piece : Split(*config_maps, ",")) {
      const std::string name(TrimSpace(piece));
      if (name.empty()) continue;
      const auto* cm = ctx.store.config_maps().Get(svc.meta.namespace_, name);
      if (!cm) {
        ctx.Report(object, AnnotationField("konghq.com/ca-certificates-configmaps"),
                   "ConfigMap " + svc.meta.namespace_ + "/" + name + " not found");
        continue;
      }
      const auto* id = cm->data.Find("id");
      if (!id) {
        ctx.Report(ObjectRef(*cm), "data.id", "a CA certificate ConfigMap needs an 'id' key");
        continue;
      }
      ids.push_back(*id);
    }
  }
  if (!ids.empty()) draft.service.ca_certificates = std::move(ids);
}

}  // namespace

void PopulateServices(Context& ctx) {
  for (auto& [name, draft] : ctx.services) {
    draft.k8s_services.clear();
    for (const auto& backend : draft.backends) {
      const auto* svc = ctx.store.services().Get(backend.ns, backend.name);
      if (!svc) {
        ctx.Report(draft.parent, "",
                   "failed to resolve Kubernetes Service for backend: Service " + backend.ns + "/" +
                       backend.name + " not found");
        continue;
      }
      draft.k8s_services.push_back(svc);
    }
    for (const auto* svc : draft.k8s_services) {
      HandleClientCertificate(ctx, draft, *svc);
      HandleCaCertificates(ctx, draft, *svc);
    }
    if (draft.facade && !draft.k8s_services.empty())
      draft.service.tags = TagsFor(*draft.facade);
    else if (draft.k8s_services.size() == 1)
      draft.service.tags = TagsFor(*draft.k8s_services.front());
    else if (draft.k8s_services.empty())
      draft.service.tags = UnknownServiceTags();
    if (draft.k8s_services.empty()) continue;
    if (draft.facade) {
      // The facade's annotations override the backing Service's.
      kube::Service merged = *draft.k8s_services.front();
      for (const auto& [key, value] : draft.facade->meta.annotations.entries())
        merged.meta.annotations.Set(key, value);
      ApplyServiceAnnotations(draft.service, merged, ctx);
    } else {
      ApplyServiceAnnotations(draft.service, *draft.k8s_services.front(), ctx);
    }
  }
}

}  // namespace kic::translate
