#include "translate/gateway_backends.h"

#include "translate/reference_grants.h"

namespace kic::translate {
namespace {

constexpr int64_t kDefaultTimeoutMs = 60000;
constexpr int64_t kDefaultRetries = 5;

}  // namespace

ResolvedBackends ResolveBackends(const Context& ctx, std::string_view route_kind, const std::string& route_ns,
                                 const std::vector<kube::GatewayBackendRef>& refs) {
  ResolvedBackends out;
  auto fail = [&](std::string reason, std::string message) {
    if (out.reason != "ResolvedRefs") return;
    out.reason = std::move(reason);
    out.message = std::move(message);
  };
  for (const auto& ref : refs) {
    const std::string ns = ref.namespace_.value_or(route_ns);
    const std::string target = ns + "/" + ref.name;
    const std::string group = ref.group.value_or("");
    const std::string kind = ref.kind.value_or("");
    if ((group != "" && group != "core") || kind != "Service") {
      fail("InvalidKind",
           "target " + target + " has unsupported type " + (group.empty() ? kind : group + "/" + kind));
      continue;
    }
    if (!ctx.store.services().Get(ns, ref.name)) {
      fail("BackendNotFound", "target " + target + " of type Service does not exist");
      continue;
    }
    if (!ReferenceAllowed(ctx.store, {"gateway.networking.k8s.io", route_kind, route_ns}, {"", "Service", ns},
                          ref.name)) {
      fail("RefNotPermitted", target + " is in a different namespace than the " + std::string(route_kind) +
                                  " (namespace " + route_ns +
                                  ") and no ReferenceGrant allowing reference is configured");
      continue;
    }
    PortDef port;
    port.mode = PortDef::Mode::kNumber;
    port.number = ref.port.value_or(-1);
    out.usable.push_back(Backend{ns, ref.name, port, ref.weight});
  }
  return out;
}

ServiceDraft& EnsureGatewayService(Context& ctx, const std::string& name, const std::string& ns,
                                   const std::string& parent, const kong::Tags& tags,
                                   const std::string& protocol) {
  auto [it, inserted] = ctx.services.try_emplace(name);
  ServiceDraft& draft = it->second;
  if (inserted) {
    draft.ns = ns;
    draft.parent = parent;
    kong::Service& s = draft.service;
    s.name = name;
    s.host = name;
    s.protocol = protocol;
    s.connect_timeout = kDefaultTimeoutMs;
    s.read_timeout = kDefaultTimeoutMs;
    s.write_timeout = kDefaultTimeoutMs;
    s.retries = kDefaultRetries;
    s.tags = tags;
  }
  return draft;
}

kong::Plugin NoBackendPlugin() {
  kong::Plugin p;
  p.name = "request-termination";
  p.config = {{"status_code", 500}, {"message", "no existing backendRef provided"}};
  return p;
}

}  // namespace kic::translate
