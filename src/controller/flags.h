#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "translate/options.h"

namespace kic::controller {

// Every `kic run` flag, with KIC's names and defaults (kic-behaviour.md §7). Durations are parsed
// Go-style at flag time; cross-flag rules are checked by ValidateFlags after parsing.
struct Flags {
  // Kong Admin API.
  std::vector<std::string> kong_admin_urls{"http://localhost:8001"};
  bool kong_admin_urls_given = false;  // set after parsing: the user named URLs (flag or env)
  std::string kong_admin_svc;          // ns/name: gateway discovery
  std::vector<std::string> kong_admin_svc_port_names{"admin-tls", "kong-admin-tls"};
  std::string kong_admin_token;
  std::string kong_admin_token_file;
  bool kong_admin_tls_skip_verify = false;
  std::string kong_admin_tls_server_name;
  std::string kong_admin_ca_cert;
  std::string kong_admin_ca_cert_file;
  std::string kong_admin_tls_client_cert;
  std::string kong_admin_tls_client_cert_file;
  std::string kong_admin_tls_client_key;
  std::string kong_admin_tls_client_key_file;
  std::vector<std::string> kong_admin_headers;
  int kong_admin_init_retries = 60;
  std::chrono::milliseconds kong_admin_init_retry_delay{1000};
  int kong_admin_concurrency = 10;
  std::vector<std::string> kong_admin_filter_tags{"managed-by-ingress-controller"};
  std::string kong_workspace;
  double proxy_sync_seconds = 3;
  double proxy_timeout_seconds = 30;
  std::chrono::milliseconds init_cache_sync_duration{5000};
  std::chrono::milliseconds gateway_discovery_readiness_check_interval{10000};
  std::chrono::milliseconds gateway_discovery_readiness_check_timeout{5000};
  bool enable_reverse_sync = false;
  bool skip_ca_certificates = false;
  bool use_last_valid_config_for_fallback = false;

  // Translation.
  std::string ingress_class = "kong";
  std::vector<std::string> watch_namespaces;
  std::string feature_gates;
  std::string cluster_domain;
  bool enable_drain_support = false;
  bool combined_services_from_different_httproutes = false;
  std::string gateway_api_controller_name = "konghq.com/kic-gateway-controller";
  std::string gateway_to_reconcile;
  std::string secret_label_selector;
  std::string configmap_label_selector = "konghq.com/configmap";

  // Status and Events.
  std::string publish_service;
  std::string publish_service_udp;
  std::vector<std::string> publish_status_addresses;
  std::vector<std::string> publish_status_addresses_udp;
  bool update_status = true;
  int update_status_queue_buffer_size = 8192;
  bool emit_kubernetes_events = true;

  // Leader election.
  std::string election_id = "5b374a9e.konghq.com";
  std::string election_namespace;
  std::string force_leader_election;  // "", "enabled", "disabled"
  // Not KIC flags (controller-runtime's fixed values there); here so tests can run in milliseconds.
  std::chrono::milliseconds election_lease_duration{15000};
  std::chrono::milliseconds election_renew_deadline{10000};
  std::chrono::milliseconds election_retry_period{2000};

  // Kubernetes API.
  std::string kubeconfig;
  std::string apiserver_host;
  double apiserver_qps = 100;
  int apiserver_burst = 300;
  std::chrono::milliseconds sync_period{std::chrono::hours(10)};
  std::chrono::milliseconds cache_sync_timeout{std::chrono::minutes(2)};

  // Operations.
  std::string metrics_bind_address = ":10255";
  std::string metrics_access_filter = "off";
  std::string health_probe_bind_address = ":10254";
  bool profiling = false;
  bool dump_config = false;
  bool dump_sensitive_config = false;
  int diagnostic_server_port = 10256;
  std::string log_level = "info";
  std::string log_format = "text";
  std::chrono::milliseconds term_delay{0};
  bool anonymous_reports = true;
  std::string admission_webhook_listen = "off";

  // Ours: how long the store must be quiet before a sync starts (coalesces bursts of watch events).
  std::chrono::milliseconds debounce{50};
  // Ours: retries of one push to one Kong (Kong unreachable, 5xx, 429).
  int kong_push_attempts = 4;
  std::chrono::milliseconds kong_push_retry_delay{500};
  std::chrono::milliseconds kong_push_retry_max_delay{5000};
};

// Registers every flag on `cmd` (each also read from CONTROLLER_<FLAG_UPPER_SNAKE>).
void AddRunFlags(CLI::App& cmd, Flags& flags);
// Call after parsing: records which defaults the user overrode.
void NoteGivenFlags(const CLI::App& cmd, Flags& flags);

// The settings that follow from valid flags.
struct Derived {
  translate::Options translate;
  // The FallbackConfiguration gate: on unless turned off (KIC defaults it off; pushing everything that is
  // not broken is what users want from a controller that isolates broken objects).
  bool fallback_configuration = true;
  bool leader_election = false;
  std::chrono::milliseconds proxy_sync{3000};
  std::chrono::milliseconds proxy_timeout{30000};
};

// Cross-flag rules as KIC checks them at start. Empty `errors` means the flags can be used.
struct Validation {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
  Derived derived;
};
Validation ValidateFlags(const Flags& flags);

// A Go-style duration flag ("5s", "1m30s") stored as milliseconds; bad values are refused at parse time.
CLI::Option* AddDurationOption(CLI::App& cmd, const std::string& name, std::chrono::milliseconds& target,
                               const std::string& description);

// "kong-admin-url" -> "CONTROLLER_KONG_ADMIN_URL".
std::string EnvNameOf(std::string_view long_flag);

// A Markdown reference of the flags of `cmd` (docs/cli.md is this, for `kic run` and `kic sync-once`).
std::string FlagsMarkdown(const CLI::App& cmd);
// The whole of docs/cli.md.
std::string CliMarkdown();

}  // namespace kic::controller
