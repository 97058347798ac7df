#include "controller/flags.h"

#include "common/strings.h"
#include "controller/duration.h"

namespace kic::controller {
namespace {

constexpr const char* kKong = "Kong Admin API";
constexpr const char* kTranslation = "Translation";
constexpr const char* kStatus = "Status and Events";
constexpr const char* kElection = "Leader election";
constexpr const char* kKube = "Kubernetes API";
constexpr const char* kOps = "Operations";
constexpr const char* kOurs = "kic-cpp only";

template <class T>
CLI::Option* AddValue(CLI::App& cmd, const std::string& name, T& target, const std::string& description) {
  return cmd.add_option(name, target, description)->capture_default_str();
}

CLI::Option* AddList(CLI::App& cmd, const std::string& name, std::vector<std::string>& target,
                     const std::string& description) {
  auto* option = cmd.add_option(name, target, description)->delimiter(',')->type_name("LIST");
  option->default_str(Join(target, ","));
  return option;
}

CLI::Option* AddBool(CLI::App& cmd, const std::string& name, bool& target, const std::string& description) {
  auto* option = cmd.add_flag(name, target, description);
  option->default_str(target ? "true" : "false");
  return option;
}

bool IsNamespacedName(const std::string& value) {
  const auto parts = Split(value, "/");
  return parts.size() == 2 && !parts[0].empty() && !parts[1].empty();
}

}  // namespace

std::string EnvNameOf(std::string_view long_flag) {
  return "CONTROLLER_" + ReplaceAll(ToUpper(long_flag), "-", "_");
}

CLI::Option* AddDurationOption(CLI::App& cmd, const std::string& name, std::chrono::milliseconds& target,
                               const std::string& description) {
  auto* option = cmd.add_option_function<std::string>(
      name,
      [&target, name](const std::string& value) {
        const auto parsed = ParseGoDuration(value);
        if (!parsed || parsed->count() < 0)
          throw CLI::ValidationError(name,
                                     "invalid duration \"" + value + "\" (expected e.g. 5s, 1m30s, 300ms)");
        target = *parsed;
      },
      description);
  option->default_str(FormatGoDuration(target))->type_name("DURATION");
  return option;
}

void AddRunFlags(CLI::App& cmd, Flags& f) {
  auto group = [](CLI::Option* option, const char* name) { option->group(name); };
  // Kong Admin API.
  group(AddList(cmd, "--kong-admin-url", f.kong_admin_urls, "Kong Admin API URL(s), comma-separated"), kKong);
  group(AddValue(cmd, "--kong-admin-svc", f.kong_admin_svc,
                 "Kong Admin API Service (namespace/name) for gateway discovery; excludes --kong-admin-url"),
        kKong);
  group(AddList(cmd, "--kong-admin-svc-port-names", f.kong_admin_svc_port_names,
                "Port names of --kong-admin-svc that serve the Admin API"),
        kKong);
  group(AddValue(cmd, "--kong-admin-token", f.kong_admin_token, "Kong-Admin-Token header value"), kKong);
  group(
      AddValue(cmd, "--kong-admin-token-file", f.kong_admin_token_file, "File holding the Kong-Admin-Token"),
      kKong);
  group(AddBool(cmd, "--kong-admin-tls-skip-verify", f.kong_admin_tls_skip_verify,
                "Do not verify the Admin API's TLS certificate"),
        kKong);
  group(AddValue(cmd, "--kong-admin-tls-server-name", f.kong_admin_tls_server_name,
                 "Name to verify the Admin API's certificate against"),
        kKong);
  group(AddValue(cmd, "--kong-admin-ca-cert", f.kong_admin_ca_cert, "PEM CA certificate for the Admin API"),
        kKong);
  group(AddValue(cmd, "--kong-admin-ca-cert-file", f.kong_admin_ca_cert_file, "File with the Admin API CA"),
        kKong);
  group(AddValue(cmd, "--kong-admin-tls-client-cert", f.kong_admin_tls_client_cert,
                 "PEM client certificate (mTLS)"),
        kKong);
  group(AddValue(cmd, "--kong-admin-tls-client-cert-file", f.kong_admin_tls_client_cert_file,
                 "File with the client certificate (mTLS)"),
        kKong);
  group(AddValue(cmd, "--kong-admin-tls-client-key", f.kong_admin_tls_client_key, "PEM client key (mTLS)"),
        kKong);
  group(AddValue(cmd, "--kong-admin-tls-client-key-file", f.kong_admin_tls_client_key_file,
                 "File with the client key (mTLS)"),
        kKong);
  group(
      AddList(cmd, "--kong-admin-header", f.kong_admin_headers, "Extra headers, key:value, comma-separated"),
      kKong);
  group(AddValue(cmd, "--kong-admin-init-retries", f.kong_admin_init_retries,
                 "Attempts to reach Kong's Admin API at start"),
        kKong);
  group(AddDurationOption(cmd, "--kong-admin-init-retry-delay", f.kong_admin_init_retry_delay,
                          "Wait between the start-up attempts"),
        kKong);
  group(AddValue(cmd, "--kong-admin-concurrency", f.kong_admin_concurrency,
                 "DB mode only (not supported: ignored)"),
        kKong);
  group(AddList(cmd, "--kong-admin-filter-tag", f.kong_admin_filter_tags,
                "DB mode only (not supported: ignored)"),
        kKong);
  group(AddValue(cmd, "--kong-workspace", f.kong_workspace, "Kong Enterprise workspace"), kKong);
  group(AddValue(cmd, "--proxy-sync-seconds", f.proxy_sync_seconds, "Full resync period, seconds (float)"),
        kKong);
  group(AddValue(cmd, "--proxy-timeout-seconds", f.proxy_timeout_seconds,
                 "Timeout of one Admin API request, seconds (float)"),
        kKong);
  group(AddDurationOption(cmd, "--init-cache-sync-duration", f.init_cache_sync_duration,
                          "Wait after the watches' initial sync before the first push"),
        kKong);
  group(AddDurationOption(cmd, "--gateway-discovery-readiness-check-interval",
                          f.gateway_discovery_readiness_check_interval,
                          "How often discovered Kongs are checked"),
        kKong);
  group(AddDurationOption(cmd, "--gateway-discovery-readiness-check-timeout",
                          f.gateway_discovery_readiness_check_timeout, "Timeout of one readiness check"),
        kKong);
  group(
      AddBool(cmd, "--enable-reverse-sync", f.enable_reverse_sync, "Push even when the config is unchanged"),
      kKong);
  group(AddBool(cmd, "--skip-ca-certificates", f.skip_ca_certificates, "DB mode only (ignored)"), kKong);
  group(AddBool(cmd, "--use-last-valid-config-for-fallback", f.use_last_valid_config_for_fallback,
                "Fallback: backfill broken objects from the last valid state (needs FallbackConfiguration)"),
        kKong);

  // Translation.
  group(AddValue(cmd, "--ingress-class", f.ingress_class, "Ingress class to satisfy"), kTranslation);
  group(AddList(cmd, "--watch-namespace", f.watch_namespaces, "Namespaces to watch (default: all)"),
        kTranslation);
  group(AddValue(cmd, "--feature-gates", f.feature_gates, "Feature gates, Name=true,Other=false"),
        kTranslation);
  group(AddValue(cmd, "--cluster-domain", f.cluster_domain, "Suffix of service-upstream host names"),
        kTranslation);
  group(AddBool(cmd, "--enable-drain-support", f.enable_drain_support,
                "Keep terminating endpoints with weight 0"),
        kTranslation);
  group(AddBool(cmd, "--combined-services-from-different-httproutes",
                f.combined_services_from_different_httproutes,
                "Combine HTTPRoute rules of different routes into one Kong service"),
        kTranslation);
  group(AddValue(cmd, "--gateway-api-controller-name", f.gateway_api_controller_name,
                 "GatewayClass controllerName this controller owns"),
        kTranslation);
  group(AddValue(cmd, "--gateway-to-reconcile", f.gateway_to_reconcile, "Only this Gateway (namespace/name)"),
        kTranslation);
  group(AddValue(cmd, "--secret-label-selector", f.secret_label_selector,
                 "Label of Secrets to translate besides referenced ones (all are watched: same config)"),
        kTranslation);
  group(AddValue(cmd, "--configmap-label-selector", f.configmap_label_selector,
                 "Label of ConfigMaps to translate besides referenced ones (all are watched: same config)"),
        kTranslation);

  // Status and Events.
  group(AddValue(cmd, "--publish-service", f.publish_service,
                 "Service (namespace/name) whose addresses go to status"),
        kStatus);
  group(AddValue(cmd, "--publish-service-udp", f.publish_service_udp, "The same for UDP routes"), kStatus);
  group(AddList(cmd, "--publish-status-address", f.publish_status_addresses,
                "Addresses to put in status (instead of --publish-service)"),
        kStatus);
  group(
      AddList(cmd, "--publish-status-address-udp", f.publish_status_addresses_udp, "The same for UDP routes"),
      kStatus);
  group(AddBool(cmd, "--update-status", f.update_status, "Write Ingress status.loadBalancer"), kStatus);
  group(AddValue(cmd, "--update-status-queue-buffer-size", f.update_status_queue_buffer_size,
                 "Status update queue size"),
        kStatus);
  group(AddBool(cmd, "--emit-kubernetes-events", f.emit_kubernetes_events, "Write Kubernetes Events"),
        kStatus);

  // Leader election.
  group(AddValue(cmd, "--election-id", f.election_id, "Lease name"), kElection);
  group(AddValue(cmd, "--election-namespace", f.election_namespace, "Lease namespace (default: the Pod's)"),
        kElection);
  cmd.add_option("--force-leader-election", f.force_leader_election, "enabled or disabled")
      ->check(CLI::IsMember({"", "enabled", "disabled"}))
      ->group("");
  group(AddDurationOption(cmd, "--election-lease-duration", f.election_lease_duration, "Lease duration"),
        kOurs);
  group(AddDurationOption(cmd, "--election-renew-deadline", f.election_renew_deadline, "Renew deadline"),
        kOurs);
  group(AddDurationOption(cmd, "--election-retry-period", f.election_retry_period, "Retry period"), kOurs);

  // Kubernetes API.
  group(AddValue(cmd, "--kubeconfig", f.kubeconfig, "Path to a kubeconfig file"), kKube);
  group(AddValue(cmd, "--apiserver-host", f.apiserver_host, "API server URL (overrides the kubeconfig's)"),
        kKube);
  group(AddValue(cmd, "--apiserver-qps", f.apiserver_qps, "Accepted for compatibility"), kKube);
  group(AddValue(cmd, "--apiserver-burst", f.apiserver_burst, "Accepted for compatibility"), kKube);
  group(AddDurationOption(cmd, "--sync-period", f.sync_period,
                          "Accepted for compatibility (watches never resync)"),
        kKube);
  group(AddDurationOption(cmd, "--cache-sync-timeout", f.cache_sync_timeout,
                          "Give up when the watches have not synced within this time"),
        kKube);

  // Operations.
  group(AddValue(cmd, "--metrics-bind-address", f.metrics_bind_address, "Prometheus /metrics address"), kOps);
  cmd.add_option("--metrics-access-filter", f.metrics_access_filter, "off (rbac is not supported)")
      ->check(CLI::IsMember({"off", "rbac"}))
      ->capture_default_str()
      ->group(kOps);
  group(AddValue(cmd, "--health-probe-bind-address", f.health_probe_bind_address,
                 "/healthz and /readyz address"),
        kOps);
  group(AddBool(cmd, "--profiling", f.profiling, "Accepted for compatibility (no pprof)"), kOps);
  group(AddBool(cmd, "--dump-config", f.dump_config, "Serve /debug/config/* on the diagnostics port"), kOps);
  group(AddBool(cmd, "--dump-sensitive-config", f.dump_sensitive_config,
                "Do not redact secrets in /debug/config"),
        kOps);
  cmd.add_option("--diagnostic-server-port", f.diagnostic_server_port, "Diagnostics port")
      ->capture_default_str()
      ->group("");
  cmd.add_option("--log-level", f.log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str()
      ->group(kOps);
  cmd.add_option("--log-format", f.log_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str()
      ->group(kOps);
  group(AddDurationOption(cmd, "--term-delay", f.term_delay, "Wait this long after SIGTERM before stopping"),
        kOps);
  group(AddBool(cmd, "--anonymous-reports", f.anonymous_reports,
                "Accepted for compatibility (nothing is sent)"),
        kOps);
  group(AddValue(cmd, "--admission-webhook-listen", f.admission_webhook_listen,
                 "Accepted for compatibility (no webhook is served)"),
        kOps);

  // Ours.
  group(AddDurationOption(cmd, "--debounce", f.debounce, "Quiet time after a change before syncing"), kOurs);
  group(AddValue(cmd, "--kong-push-attempts", f.kong_push_attempts, "POSTs per Kong per push"), kOurs);
  group(AddDurationOption(cmd, "--kong-push-retry-delay", f.kong_push_retry_delay,
                          "First wait between POST attempts"),
        kOurs);
  group(AddDurationOption(cmd, "--kong-push-retry-max-delay", f.kong_push_retry_max_delay,
                          "Longest wait between attempts"),
        kOurs);

  for (auto* option : cmd.get_options()) {
    const auto& names = option->get_lnames();
    if (!names.empty() && names.front() != "help") option->envname(EnvNameOf(names.front()));
  }
}

void NoteGivenFlags(const CLI::App& cmd, Flags& flags) {
  flags.kong_admin_urls_given = cmd.get_option("--kong-admin-url")->count() > 0;
}

Validation ValidateFlags(const Flags& f) {
  Validation v;
  auto error = [&v](std::string message) { v.errors.push_back(std::move(message)); };
  if (!f.kong_admin_svc.empty() && f.kong_admin_urls_given)
    error("--kong-admin-url and --kong-admin-svc are mutually exclusive");
  if (!f.kong_admin_svc.empty() && !IsNamespacedName(f.kong_admin_svc))
    error("--kong-admin-svc: expected namespace/name, got \"" + f.kong_admin_svc + "\"");
  if (f.kong_admin_svc.empty() && f.kong_admin_urls.empty())
    error("--kong-admin-url: at least one URL is required");
  for (const auto& url : f.kong_admin_urls) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
      error("--kong-admin-url: \"" + url + "\" is not an http:// or https:// URL");
  }
  if (!f.kong_admin_token.empty() && !f.kong_admin_token_file.empty())
    error("--kong-admin-token and --kong-admin-token-file are mutually exclusive");
  if (!f.kong_admin_ca_cert.empty() && !f.kong_admin_ca_cert_file.empty())
    error("--kong-admin-ca-cert and --kong-admin-ca-cert-file are mutually exclusive");
  if (!f.kong_admin_tls_client_cert.empty() && !f.kong_admin_tls_client_cert_file.empty())
    error("--kong-admin-tls-client-cert and --kong-admin-tls-client-cert-file are mutually exclusive");
  if (!f.kong_admin_tls_client_key.empty() && !f.kong_admin_tls_client_key_file.empty())
    error("--kong-admin-tls-client-key and --kong-admin-tls-client-key-file are mutually exclusive");
  const bool has_cert = !f.kong_admin_tls_client_cert.empty() || !f.kong_admin_tls_client_cert_file.empty();
  const bool has_key = !f.kong_admin_tls_client_key.empty() || !f.kong_admin_tls_client_key_file.empty();
  if (has_cert != has_key) error("a Kong Admin API client certificate needs both a certificate and a key");
  for (const auto& header : f.kong_admin_headers) {
    if (header.find(':') == std::string::npos)
      error("--kong-admin-header: \"" + header + "\" is not key:value");
  }
  if (f.kong_admin_init_retries < 0) error("--kong-admin-init-retries must not be negative");
  if (f.proxy_sync_seconds <= 0) error("--proxy-sync-seconds must be positive");
  if (f.proxy_timeout_seconds <= 0) error("--proxy-timeout-seconds must be positive");
  if (f.kong_push_attempts < 1) error("--kong-push-attempts must be at least 1");
  for (const auto* name : {&f.publish_service, &f.publish_service_udp, &f.gateway_to_reconcile}) {
    if (!name->empty() && !IsNamespacedName(*name))
      error("expected namespace/name, got \"" + *name + "\" (--publish-service, --gateway-to-reconcile)");
  }
  if (f.metrics_access_filter != "off") error("--metrics-access-filter=rbac is not supported");
  // Kong's Helm charts set this by default; refusing it would stop a plain image swap. Their webhook
  // has failurePolicy Ignore, so with nothing listening the API server admits objects unvalidated.
  if (f.admission_webhook_listen != "off")
    v.warnings.push_back("--admission-webhook-listen=" + f.admission_webhook_listen +
                         ": the admission webhook is not supported and nothing listens there");
  if (f.ingress_class.empty()) error("--ingress-class must not be empty");
  if (!(f.election_lease_duration > f.election_renew_deadline &&
        f.election_renew_deadline.count() * 10 > f.election_retry_period.count() * 12))
    error("leader election needs lease duration > renew deadline > 1.2 x retry period");

  // Feature gates: the translator's, plus the two that act here.
  auto& options = v.derived.translate;
  std::vector<std::string> translator_gates;
  bool fill_ids_given_false = false;
  for (const auto& item : Split(f.feature_gates, ",")) {
    const auto trimmed = std::string(TrimSpace(item));
    if (trimmed.empty()) continue;
    const auto eq = trimmed.find('=');
    const auto name = std::string(TrimSpace(trimmed.substr(0, eq)));
    // Two plain bools rather than an optional: GCC 12 -O3 reports a false maybe-uninitialized here.
    const auto parsed =
        eq == std::string::npos ? std::nullopt : ParseGoBool(TrimSpace(trimmed.substr(eq + 1)));
    const bool valid = parsed.has_value();
    const bool on = valid && parsed.value_or(false);
    if (name == "FallbackConfiguration" || name == "SanitizeKonnectConfigDumps") {
      if (!valid) {
        error("--feature-gates: invalid value in \"" + trimmed + "\"");
      } else if (name == "FallbackConfiguration") {
        v.derived.fallback_configuration = on;
      }
      continue;
    }
    if (name == "FillIDs" && valid && !on) fill_ids_given_false = true;
    translator_gates.push_back(trimmed);
  }
  if (const auto gate_error = translate::ApplyFeatureGates(Join(translator_gates, ","), options.flags);
      !gate_error.empty())
    error("--feature-gates: " + gate_error);
  if (fill_ids_given_false && options.flags.kong_custom_entity)
    error("--feature-gates: KongCustomEntity requires FillIDs to be enabled");
  if (f.use_last_valid_config_for_fallback && !v.derived.fallback_configuration)
    error("--use-last-valid-config-for-fallback requires the FallbackConfiguration feature gate");

  options.ingress_class = f.ingress_class;
  options.workspace = f.kong_workspace;
  options.cluster_domain = f.cluster_domain;
  options.enable_drain_support = f.enable_drain_support;
  options.gateway_api_controller_name = f.gateway_api_controller_name;
  if (!f.publish_service.empty()) options.publish_services.push_back(f.publish_service);
  if (!f.publish_service_udp.empty()) options.publish_services.push_back(f.publish_service_udp);
  options.publish_status_addresses = f.publish_status_addresses;
  options.publish_status_addresses.insert(options.publish_status_addresses.end(),
                                          f.publish_status_addresses_udp.begin(),
                                          f.publish_status_addresses_udp.end());

  // KIC: DB-less with gateway discovery elects a leader; static URLs (a sidecar Kong per replica) do not.
  v.derived.leader_election = f.force_leader_election == "enabled" ||
                              (f.force_leader_election != "disabled" && !f.kong_admin_svc.empty());
  v.derived.proxy_sync = SecondsToMillis(f.proxy_sync_seconds);
  v.derived.proxy_timeout = SecondsToMillis(f.proxy_timeout_seconds);
  if (f.proxy_sync_seconds < 1)
    v.warnings.push_back("--proxy-sync-seconds below 1s: Kong may be reconfigured very often");
  return v;
}

}  // namespace kic::controller
