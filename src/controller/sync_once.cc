#include "controller/sync_once.h"

#include <iostream>

#include "controller/duration.h"
#include "controller/event_sink.h"
#include "controller/flags.h"
#include "controller/sync_engine.h"
#include "kong/admin/startup_probe.h"
#include "kong/serialize.h"
#include "kube/manifest_loader.h"

namespace kic::controller {
void AddSyncOnceFlags(CLI::App& cmd, SyncOnceFlags& f) {
  cmd.add_option("-f,--filename", f.files, "Manifest file or directory (recursive: *.yaml, *.yml, *.json)")
      ->required()
      ->allow_extra_args(false);
  cmd.add_option("--kong-admin-url", f.kong_admin_urls, "Kong Admin API URL(s), comma-separated")
      ->required()
      ->delimiter(',');
  cmd.add_option("--kong-admin-token", f.kong_admin_token, "Kong-Admin-Token header value");
  cmd.add_option("--ingress-class", f.ingress_class, "Ingress class to translate")->capture_default_str();
  cmd.add_option("--feature-gates", f.feature_gates, "Feature gates, e.g. FallbackConfiguration=true");
  cmd.add_option("-o,--output", f.output, "Output format")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  cmd.add_flag("--no-defaults", f.no_defaults, "Use objects exactly as written (no API-server defaulting)");
  cmd.add_option("--kong-admin-init-retries", f.kong_admin_init_retries, "Attempts to reach Kong at start")
      ->capture_default_str();
  AddDurationOption(cmd, "--kong-admin-init-retry-delay", f.kong_admin_init_retry_delay,
                    "Wait between those attempts");
  cmd.add_option("--kong-push-attempts", f.kong_push_attempts, "POSTs per Kong per push")
      ->capture_default_str();
  AddDurationOption(cmd, "--kong-push-retry-delay", f.kong_push_retry_delay,
                    "First wait between POST attempts");
}

int RunSyncOnce(const SyncOnceFlags& f, std::ostream& out, std::ostream& err) {
  Flags run_flags;  // reuse `kic run`'s gate parsing and translator options
  run_flags.ingress_class = f.ingress_class;
  run_flags.feature_gates = f.feature_gates;
  auto validation = ValidateFlags(run_flags);
  if (!validation.errors.empty()) {
    for (const auto& e : validation.errors) err << "kic sync-once: " << e << "\n";
    return 2;
  }
  auto& translate_options = validation.derived.translate;
  translate_options.apply_api_defaults = !f.no_defaults;
  translate_options.routes_need_accepting_gateway = !f.no_defaults;

  kube::Store store;
  try {
    const auto loaded = kube::LoadManifests(f.files, store);
    for (const auto& p : loaded.problems) err << "error: " << p.ToString() << "\n";
  } catch (const kube::LoadError& e) {
    err << "kic sync-once: " << e.what() << "\n";
    return 2;
  }

  std::vector<kong::admin::AdminClient> clients;
  for (const auto& url : f.kong_admin_urls) {
    kong::admin::ClientOptions options;
    options.base_url = url;
    options.admin_token = f.kong_admin_token;
    if (const auto problem = kong::admin::ValidateClientOptions(options); !problem.empty()) {
      err << "kic sync-once: " << url << ": " << problem << "\n";
      return 2;
    }
    clients.emplace_back(options);
    const auto probe = kong::admin::ProbeKongAtStartup(
        clients.back(), {.retries = f.kong_admin_init_retries, .retry_delay = f.kong_admin_init_retry_delay});
    if (!probe.Ok()) {
      err << "kic sync-once: " << url << ": " << probe.error << "\n";
      return 1;
    }
    if (probe.info->router_flavor == "expressions") translate_options.flags.expression_routes = true;
  }

  SyncEngineOptions engine_options;
  engine_options.translate = translate_options;
  engine_options.fallback_configuration = validation.derived.fallback_configuration;
  engine_options.keep_accepted_config = true;  // printed below
  engine_options.retry.max_attempts = f.kong_push_attempts;
  engine_options.retry.initial_delay = f.kong_push_retry_delay;
  engine_options.retry.max_delay = std::max(f.kong_push_retry_delay, engine_options.retry.max_delay);
  CollectingEventSink events;
  SyncEngine engine(engine_options, &events);
  const auto outcome = engine.Sync(store, clients);
  for (const auto& event : events.events()) {
    err << "event: " << event.type << " " << event.reason << " " << event.object.kind << " "
        << (event.object.namespace_.empty() ? "" : event.object.namespace_ + "/") << event.object.name << ": "
        << event.message << "\n";
  }
  err << "sync: " << outcome.summary << "\n";
  if (const auto& accepted = engine.last_good_config()) {
    out << (f.output == "json" ? kong::ToJson(*accepted) + "\n" : kong::ToYaml(*accepted));
  }
  switch (outcome.result) {
    case SyncOutcome::Result::kApplied:
      return 0;
    case SyncOutcome::Result::kFallbackApplied:
      return 3;
    default:
      return 1;
  }
}

}  // namespace kic::controller
