#include "controller/controller.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <random>
#include <thread>

#include "common/files.h"
#include "common/strings.h"
#include "controller/controller_metrics.h"
#include "controller/diagnostics.h"
#include "controller/event_sink.h"
#include "controller/gateway_status.h"
#include "controller/heap.h"
#include "controller/http_server.h"
#include "controller/ingress_status.h"
#include "controller/kong_instances.h"
#include "controller/logging.h"
#include "controller/sync_engine.h"
#include "controller/sync_loop.h"
#include "controller/watched_kinds.h"
#include "kong/admin/startup_probe.h"
#include "kube/client/backoff.h"
#include "kube/client/cluster_watch.h"
#include "kube/client/events.h"
#include "kube/client/kubeconfig.h"
#include "kube/client/leader_election.h"
#include "kube/client/rest_client.h"

namespace kic::controller {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// The Admin API client settings every instance shares. Returns "" or the problem.
std::string BuildClientTemplate(const Flags& f, const Derived& derived, kong::admin::ClientOptions& options) {
  options.ca_pem = f.kong_admin_ca_cert;
  options.ca_file = f.kong_admin_ca_cert_file;
  options.skip_verify = f.kong_admin_tls_skip_verify;
  options.tls_server_name = f.kong_admin_tls_server_name;
  options.client_cert_pem = f.kong_admin_tls_client_cert;
  options.client_cert_file = f.kong_admin_tls_client_cert_file;
  options.client_key_pem = f.kong_admin_tls_client_key;
  options.client_key_file = f.kong_admin_tls_client_key_file;
  options.extra_headers = f.kong_admin_headers;
  options.request_timeout = derived.proxy_timeout;
  options.admin_token = f.kong_admin_token;
  if (!f.kong_admin_token_file.empty()) {
    const auto token = ReadWholeFile(f.kong_admin_token_file);
    if (!token) return "cannot read --kong-admin-token-file " + f.kong_admin_token_file;
    options.admin_token = std::string(TrimSpace(*token));
  }
  return "";
}

// KIC's start-up check of a static Kong: retried while unreachable, refused when incompatible.
std::optional<kong::admin::RootInfo> ProbeStaticKong(const kong::admin::AdminClient& client, const Flags& f,
                                                     std::stop_token stop) {
  const int attempts = std::max(1, f.kong_admin_init_retries);
  for (int attempt = 1; attempt <= attempts && !stop.stop_requested(); ++attempt) {
    auto probe = kong::admin::ProbeKongAtStartup(client, {.retries = 1, .retry_delay = {}});
    if (probe.info) {
      if (!probe.error.empty()) {
        spdlog::error("Kong {} cannot be used: {}", client.base_url(), probe.error);
        return std::nullopt;
      }
      spdlog::info("Kong {} is version {} ({} router)", client.base_url(), probe.info->version,
                   probe.info->router_flavor);
      return probe.info;
    }
    spdlog::info("waiting for Kong {} (attempt {}/{}): {}", client.base_url(), attempt, attempts,
                 probe.error);
    if (attempt < attempts) kube::client::SleepFor(f.kong_admin_init_retry_delay, stop);
  }
  spdlog::error("Kong {} did not answer after {} attempts", client.base_url(), attempts);
  return std::nullopt;
}

std::string Identity() {
  std::string base = Env("POD_NAME");
  if (base.empty()) {
    char host[256] = {};
    ::gethostname(host, sizeof(host) - 1);
    base = host;
  }
  std::mt19937 random(std::random_device{}());
  return base + "_" + std::to_string(random() % 1000000);
}

struct OpsServers {
  HttpServer health, metrics, diagnostics;
};

std::string StartServer(HttpServer& server, const std::string& address, const char* what) {
  const auto error = server.Start(address);
  if (error.empty()) {
    std::string host;
    int port = 0;
    SplitHostPort(address, host, port);
    spdlog::info("{} listening on {}:{}", what, host.empty() ? "0.0.0.0" : host, server.port());
  }
  return error;
}

}  // namespace

int RunController(const Flags& f, std::stop_token stop) {
  TuneHeapForLongRun();
  auto validation = ValidateFlags(f);
  if (!validation.errors.empty()) {
    for (const auto& e : validation.errors) spdlog::error("{}", e);
    return 2;
  }
  for (const auto& w : validation.warnings) spdlog::warn("{}", w);
  const auto& derived = validation.derived;

  // The Kubernetes API.
  kube::client::ConfigSources sources;
  sources.kubeconfig_path = f.kubeconfig;
  sources.apiserver_host = f.apiserver_host;
  const auto connection = kube::client::LoadConnectionConfig(sources);
  if (!connection.ok()) {
    spdlog::error("Kubernetes API: {}", connection.error);
    return 1;
  }
  spdlog::info("Kubernetes API {} ({})", connection.config->server, connection.config->source);
  kube::client::RestClient api(*connection.config);

  // Probes, metrics and diagnostics.
  ControllerMetrics metrics;
  std::optional<ConfigDumps> dumps;
  if (f.dump_config) dumps.emplace(f.dump_sensitive_config);
  OpsServers servers;
  std::atomic<bool> leading{!derived.leader_election};
  const SyncLoop* loop_for_probe = nullptr;
  servers.health.Handle("/healthz", [](const std::string&) { return HttpResponse{200, "text/plain", "ok"}; });
  servers.health.Handle("/readyz", [&](const std::string&) {
    // KIC: ready when not the leader, or the leader has applied a configuration.
    const bool ready = !leading.load() || (loop_for_probe && loop_for_probe->applied_once());
    return ready ? HttpResponse{200, "text/plain", "ok"}
                 : HttpResponse{500, "text/plain", "not ready: no configuration applied yet"};
  });
  servers.metrics.Handle("/metrics", [&metrics](const std::string&) {
    return HttpResponse{200, "text/plain; version=0.0.4; charset=utf-8", metrics.registry().Render()};
  });
  if (auto error = StartServer(servers.health, f.health_probe_bind_address, "health probes");
      !error.empty()) {
    spdlog::error("--health-probe-bind-address: {}", error);
    return 1;
  }
  if (auto error = StartServer(servers.metrics, f.metrics_bind_address, "metrics"); !error.empty()) {
    spdlog::error("--metrics-bind-address: {}", error);
    return 1;
  }
  if (dumps) {
    servers.diagnostics.Handle("/debug/config/", [&dumps](const std::string& path) {
      const auto which = path.substr(std::string("/debug/config/").size());
      const auto dump = dumps->Get(which);
      if (!dump) return HttpResponse{404, "text/plain", "no " + which + " configuration\n"};
      return HttpResponse{200, which == "raw-error" ? "text/plain" : "application/json", *dump};
    });
    if (auto error =
            StartServer(servers.diagnostics, ":" + std::to_string(f.diagnostic_server_port), "diagnostics");
        !error.empty()) {
      spdlog::error("--diagnostic-server-port: {}", error);
      return 1;
    }
  }

  // Kong instances.
  kong::admin::ClientOptions client_template;
  if (auto error = BuildClientTemplate(f, derived, client_template); !error.empty()) {
    spdlog::error("{}", error);
    return 2;
  }
  auto translate_options = derived.translate;
  std::unique_ptr<KongInstances> instances;
  if (f.kong_admin_svc.empty()) {
    std::vector<kong::admin::AdminClient> clients;
    for (const auto& url : f.kong_admin_urls) {
      auto options = client_template;
      options.base_url = url;
      if (auto problem = kong::admin::ValidateClientOptions(options); !problem.empty()) {
        spdlog::error("--kong-admin-url {}: {}", url, problem);
        return 2;
      }
      clients.emplace_back(options);
      const auto info = ProbeStaticKong(clients.back(), f, stop);
      if (stop.stop_requested()) return 0;
      if (!info) return 1;
      if (info->router_flavor == "expressions") translate_options.flags.expression_routes = true;
    }
    instances = std::make_unique<KongInstances>(std::move(clients));
  } else {
    const auto parts = Split(f.kong_admin_svc, "/");
    GatewayDiscoveryOptions discovery;
    discovery.service_namespace = parts[0];
    discovery.service_name = parts[1];
    discovery.port_names = f.kong_admin_svc_port_names;
    discovery.readiness_interval = f.gateway_discovery_readiness_check_interval;
    discovery.readiness_timeout = f.gateway_discovery_readiness_check_timeout;
    if (const auto scheme = Env("KIC_GATEWAY_DISCOVERY_SCHEME"); !scheme.empty()) discovery.scheme = scheme;
    instances = std::make_unique<KongInstances>(client_template, discovery);
  }

  // Events.
  const std::string pod_name = Env("POD_NAME");
  const std::string pod_namespace = Env("POD_NAMESPACE");
  kube::client::EventRecorderOptions recorder_options;
  recorder_options.host = pod_name;
  kube::client::EventRecorder recorder(api, recorder_options);
  RecorderEventSink recorder_sink(recorder);

  SyncEngineOptions engine_options;
  engine_options.translate = translate_options;
  engine_options.fallback_configuration = derived.fallback_configuration;
  engine_options.backfill_from_last_valid = f.use_last_valid_config_for_fallback;
  engine_options.force_push = f.enable_reverse_sync;
  engine_options.retry.max_attempts = f.kong_push_attempts;
  engine_options.retry.initial_delay = f.kong_push_retry_delay;
  engine_options.retry.max_delay = f.kong_push_retry_max_delay;
  if (!pod_name.empty() && !pod_namespace.empty())
    engine_options.pod = kube::client::ObjectRef{"Pod", pod_namespace, pod_name, "", "v1", ""};
  SyncEngine engine(engine_options, f.emit_kubernetes_events ? &recorder_sink : nullptr, &metrics,
                    dumps ? &*dumps : nullptr);

  // Watches.
  kube::client::SyncedStore store;
  kube::client::ClusterWatchConfig watch_config;
  watch_config.namespaces = f.watch_namespaces;
  if (!watch_config.namespaces.empty()) {
    // KIC adds the publish Service's namespace (and we need the admin Service's).
    for (const auto* extra : {&f.publish_service, &f.kong_admin_svc}) {
      if (extra->empty()) continue;
      const auto ns = Split(*extra, "/")[0];
      if (std::find(watch_config.namespaces.begin(), watch_config.namespaces.end(), ns) ==
          watch_config.namespaces.end())
        watch_config.namespaces.push_back(ns);
    }
  }
  // KIC narrows the Secrets it translates to those labelled `K=true`, labelled as CA certificates or
  // credentials, or referenced by a watched object; only such Secrets can make Kong entities, so
  // watching every Secret gives the same configuration. A server-side selector would drop
  // referenced, unlabelled TLS Secrets. The same holds for --configmap-label-selector.
  if (!f.secret_label_selector.empty())
    spdlog::info(
        "--secret-label-selector={}: every Secret is watched; Kong entities come only from "
        "referenced or labelled ones either way",
        f.secret_label_selector);
  watch_config.kinds = WatchedKinds(derived.translate.flags);
  kube::client::ClusterWatch watch(api, store, watch_config);

  SyncLoopOptions loop_options;
  loop_options.debounce = f.debounce;
  loop_options.resync = derived.proxy_sync;
  loop_options.initial_delay = f.init_cache_sync_duration;
  loop_options.cache_sync_timeout = f.cache_sync_timeout;
  loop_options.retry_initial = std::min(derived.proxy_sync, std::chrono::milliseconds(500));
  loop_options.retry_max = std::max(derived.proxy_sync, std::chrono::milliseconds(30000));
  SyncLoop loop(
      store, [&watch] { return watch.HasSynced(); }, *instances, engine, loop_options);
  loop_for_probe = &loop;

  std::optional<IngressStatusUpdater> status;
  std::optional<GatewayStatusUpdater> gateway_status;
  if (f.update_status) {
    status.emplace(api);
    gateway_status.emplace(api, derived.translate.gateway_api_controller_name);
    loop.SetAfterSync([&](const kube::Store& snapshot, const SyncOutcome& outcome) {
      if (outcome.result != SyncOutcome::Result::kApplied &&
          outcome.result != SyncOutcome::Result::kFallbackApplied)
        return;
      status->Update(engine.ConfiguredIngresses(),
                     PublishAddresses(snapshot, f.publish_service, f.publish_status_addresses));
      gateway_status->Update(engine.last_good_statuses());
    });
  }

  // Leader election (only the leader pushes and writes status).
  std::unique_ptr<kube::client::LeaderElector> elector;
  if (derived.leader_election) {
    kube::client::LeaderElectionConfig election;
    election.lease_namespace = !f.election_namespace.empty()            ? f.election_namespace
                               : !pod_namespace.empty()                 ? pod_namespace
                               : !connection.config->namespace_.empty() ? connection.config->namespace_
                                                                        : "default";
    election.lease_name = f.election_id;
    election.identity = Identity();
    election.lease_duration = f.election_lease_duration;
    election.renew_deadline = f.election_renew_deadline;
    election.retry_period = f.election_retry_period;
    election.on_started_leading = [&leading, identity = election.identity] {
      spdlog::info("became the leader ({})", identity);
      leading = true;
    };
    election.on_stopped_leading = [&leading] {
      spdlog::warn("lost the leadership");
      leading = false;
    };
    spdlog::info("leader election on: lease {}/{}", election.lease_namespace, election.lease_name);
    elector = std::make_unique<kube::client::LeaderElector>(api, election);
    loop.SetLeaderCheck([&leading] { return leading.load(); });
  }

  watch.Start();
  instances->Start();
  if (status) status->Start();
  if (gateway_status) gateway_status->Start();
  std::jthread election_thread;
  if (elector) election_thread = std::jthread([&elector](std::stop_token s) { elector->Run(s); });
  std::atomic<bool> loop_failed{false};
  std::atomic<bool> loop_done{false};
  std::jthread loop_thread([&](std::stop_token s) {
    loop_failed = !loop.Run(s);
    loop_done = true;
  });

  while (!stop.stop_requested() && !loop_done.load())
    kube::client::SleepFor(std::chrono::milliseconds(100), stop);
  if (stop.stop_requested()) {
    spdlog::info("stopping{}", f.term_delay.count() ? " after --term-delay" : "");
    if (f.term_delay.count()) kube::client::SleepFor(f.term_delay, {});
  }
  // The loop stops first so that nothing is pushed after the lease is released.
  loop_thread.request_stop();
  loop_thread.join();
  if (election_thread.joinable()) {
    election_thread.request_stop();
    election_thread.join();
  }
  if (status) status->Stop();
  if (gateway_status) gateway_status->Stop();
  instances->Stop();
  watch.Stop();
  servers.health.Stop();
  servers.metrics.Stop();
  servers.diagnostics.Stop();
  spdlog::info("stopped");
  return loop_failed ? 1 : 0;
}

}  // namespace kic::controller
