#pragma once

// Kong's declarative configuration (_format_version "3.0"), as the controller builds it.
// Optional fields are emitted only when set, which is how KIC's output leaves Kong's defaults
// to Kong. Field names follow Kong's; see kong-dataplane.md.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/boxed_optional.h"
#include "kong/tags.h"

namespace kic::kong {

struct Plugin {
  std::optional<std::string> id;
  std::string name;
  std::optional<std::string> instance_name;
  nlohmann::json config = nlohmann::json::object();  // written only when not empty, as KIC does
  std::optional<bool> enabled;
  std::optional<std::vector<std::string>> protocols;
  std::optional<std::string> run_on;
  std::optional<nlohmann::json> ordering;
  // Foreign keys by name, set on top-level plugins only.
  std::optional<std::string> service, route, consumer, consumer_group;
  Tags tags;
};

// An L4 route's sources/destinations item.
struct CidrPort {
  std::optional<std::string> ip;
  std::optional<int64_t> port;
};

struct Route {
  std::optional<std::string> id;
  std::string name;
  std::optional<std::vector<std::string>> hosts, paths, protocols;
  // Set by some annotations, L4 routes and the expressions router only: boxed, 8 bytes when unset
  // (a 10k-Ingress config holds 10k routes, and each of these inline is 32-40 bytes).
  BoxedOptional<std::vector<std::string>> methods, snis;
  BoxedOptional<std::vector<CidrPort>> destinations;
  std::map<std::string, std::vector<std::string>> headers;
  BoxedOptional<std::string> expression;
  std::optional<uint64_t> priority;
  std::optional<int64_t> regex_priority;
  std::optional<int64_t> https_redirect_status_code;
  std::optional<std::string> path_handling;
  std::optional<bool> strip_path, preserve_host, request_buffering, response_buffering;
  std::vector<Plugin> plugins;  // generated per-route plugins (nested)
  Tags tags;
};

struct Service {
  std::optional<std::string> id;
  std::string name;
  std::string host;
  std::optional<int64_t> port;
  std::optional<std::string> protocol;
  std::optional<std::string> path;
  std::optional<int64_t> retries, connect_timeout, read_timeout, write_timeout;
  std::optional<bool> tls_verify;
  std::optional<int64_t> tls_verify_depth;
  // Set by few Services' annotations: boxed as Route's rare fields are.
  BoxedOptional<std::string> client_certificate;  // certificate id
  BoxedOptional<std::vector<std::string>> ca_certificates;
  std::vector<Route> routes;
  std::vector<Plugin> plugins;
  Tags tags;
};

struct Target {
  std::string target;
  std::optional<int64_t> weight;
  Tags tags;
};

// How an upstream balances beyond its algorithm, from a KongUpstreamPolicy or KongIngress: few
// upstreams of a big cluster have any of it, so it is boxed (inline, an Upstream was 680 bytes).
struct UpstreamBalancing {
  std::optional<std::string> hash_on, hash_fallback, hash_on_header, hash_fallback_header, hash_on_cookie,
      hash_on_cookie_path, hash_on_query_arg, hash_fallback_query_arg, hash_on_uri_capture,
      hash_fallback_uri_capture;
  std::optional<nlohmann::json> healthchecks;
  std::optional<std::string> sticky_sessions_cookie, sticky_sessions_cookie_path;
};

struct Upstream {
  std::string name;
  std::optional<std::string> algorithm;
  std::optional<std::string> host_header;
  std::optional<int64_t> slots;
  BoxedOptional<UpstreamBalancing> balancing;
  std::vector<Target> targets;
  Tags tags;
};

struct SNI {
  std::string name;
  std::string certificate_id;
};

struct Certificate {
  std::string id;
  std::string cert;
  std::string key;
  std::vector<SNI> snis;
  Tags tags;
};

struct CACertificate {
  std::string id;
  std::string cert;
  Tags tags;
};

// A credential of any type: its fields as Kong wants them (key, username, password, ...).
struct Credential {
  nlohmann::json fields = nlohmann::json::object();
  Tags tags;
};

struct Consumer {
  std::optional<std::string> id;
  std::optional<std::string> username;
  std::optional<std::string> custom_id;
  // By Kong's entity name: keyauth_credentials, basicauth_credentials, hmacauth_credentials,
  // jwt_secrets, acls, oauth2_credentials, mtls_auth_credentials.
  std::map<std::string, std::vector<Credential>> credentials;
  std::vector<Plugin> plugins;
  Tags tags;
};

// Kong Enterprise only.
struct ConsumerGroup {
  std::optional<std::string> id;
  std::string name;
  std::vector<Plugin> plugins;
  Tags tags;
};

// DB-less membership of a consumer in a group, by username (or custom_id) and group name.
struct ConsumerGroupConsumer {
  std::string consumer;
  std::string consumer_group;
};

struct Vault {
  std::optional<std::string> id;
  std::string name;  // the vault backend, e.g. "env"
  std::string prefix;
  std::optional<std::string> description;
  std::optional<nlohmann::json> config;
  Tags tags;
};

struct Config {
  std::vector<Service> services;
  std::vector<Upstream> upstreams;
  std::vector<Certificate> certificates;
  std::vector<CACertificate> ca_certificates;
  std::vector<Consumer> consumers;
  std::vector<Plugin> plugins;
  std::vector<ConsumerGroup> consumer_groups;
  std::vector<ConsumerGroupConsumer> consumer_group_consumers;
  std::vector<Vault> vaults;
  // KongCustomEntity objects: entity type (e.g. "degraphql_routes") -> entities, as JSON objects.
  std::map<std::string, std::vector<nlohmann::json>> custom_entities;
};

}  // namespace kic::kong
