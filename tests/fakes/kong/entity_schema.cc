#include "entity_schema.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <regex>

namespace kic::testing::kong_schema {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 8> kProtocols = {"grpc", "grpcs",           "http", "https", "tcp",
                                                        "tls",  "tls_passthrough", "udp"};

std::string OneOf(const json& value, std::span<const std::string_view> allowed) {
  if (!value.is_string()) return "expected a string";
  const auto text = value.get<std::string>();
  if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return "";
  std::string message = "expected one of: ";
  for (size_t i = 0; i < allowed.size(); ++i) message += (i ? ", " : "") + std::string(allowed[i]);
  return message;
}

std::string Between(const json& value, long long low, long long high) {
  const double number = value.get<double>();
  if (number < static_cast<double>(low) || number > static_cast<double>(high))
    return "value should be between " + std::to_string(low) + " and " + std::to_string(high);
  return "";
}

std::string Protocol(const json& v) {
  return OneOf(v, kProtocols);
}
std::string Port(const json& v) {
  return Between(v, 0, 65535);
}
std::string Timeout(const json& v) {
  return Between(v, 1, 2147483646);
}
std::string Retries(const json& v) {
  return Between(v, 0, 32767);
}
std::string VerifyDepth(const json& v) {
  return Between(v, 0, 64);
}
std::string Slots(const json& v) {
  return Between(v, 10, 65536);
}
std::string Weight(const json& v) {
  return Between(v, 0, 65535);
}
std::string Priority(const json& v) {
  return Between(v, 0, 70368744177663LL);
}
std::string Threshold(const json& v) {
  return Between(v, 0, 100);
}
std::string Interval(const json& v) {
  return Between(v, 0, 65535);
}
std::string Counter(const json& v) {
  return Between(v, 0, 255);
}
std::string Concurrency(const json& v) {
  return Between(v, 1, 2147483648LL);
}
std::string HttpStatus(const json& v) {
  return Between(v, 100, 999);
}

std::string NonEmpty(const json& v) {
  return v.get<std::string>().empty() ? "length must be at least 1" : "";
}

std::string Name(const json& v) {
  const auto text = v.get<std::string>();
  if (text.empty()) return "length must be at least 1";
  for (const unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') continue;
    return "invalid value '" + text +
           "': the only accepted ascii characters are alphanumerics or ., -, _, and ~";
  }
  return "";
}

std::string Tag(const json& v) {
  const auto text = v.get<std::string>();
  for (const unsigned char c : text) {
    if (c >= 0x80 || (c > 0x20 && c < 0x7f && c != ',' && c != '/')) continue;
    return "invalid tag '" + text +
           "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences";
  }
  return "";
}

std::string Uuid(const json& v) {
  static const std::regex kUuid(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  return std::regex_match(v.get<std::string>(), kUuid) ? "" : "expected a valid UUID";
}

std::string Path(const json& v) {
  const auto text = v.get<std::string>();
  if (text.empty() || text.front() != '/') return "should start with: /";
  if (text.find("//") != std::string::npos) return "must not have empty segments";
  return "";
}

std::string Method(const json& v) {
  const auto text = v.get<std::string>();
  const bool upper =
      !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return upper ? "" : "invalid value: " + text;
}

std::string Host(const json& v) {
  const auto text = v.get<std::string>();
  if (text.empty()) return "length must be at least 1";
  const auto stars = std::count(text.begin(), text.end(), '*');
  if (stars > 1) return "invalid wildcard: must have at most one wildcard";
  if (stars == 1) {
    const std::string host = text.substr(0, text.find(':'));
    const bool leftmost = host.rfind("*.", 0) == 0;
    const bool rightmost = host.size() >= 2 && host.compare(host.size() - 2, 2, ".*") == 0;
    if (!leftmost && !rightmost) return "invalid wildcard: must be placed at leftmost or rightmost label";
  }
  return "";
}

std::string RoutePath(const json& v) {
  const auto text = v.get<std::string>();
  if (text.rfind("~", 0) == 0) {
    if (text.size() < 2 || text[1] != '/') return "should start with: / (fixed path) or ~/ (regex path)";
    int error = 0;
    PCRE2_SIZE offset = 0;
    const std::string pattern = text.substr(1);
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.c_str()), pattern.size(), 0, &error,
                                     &offset, nullptr);
    if (code == nullptr) {
      PCRE2_UCHAR buffer[256];
      pcre2_get_error_message(error, buffer, sizeof buffer);
      return "invalid regex: '" + pattern + "' (PCRE returned: " + reinterpret_cast<const char*>(buffer) +
             ")";
    }
    pcre2_code_free(code);
    return "";
  }
  if (text.empty() || text.front() != '/') return "should start with: / (fixed path) or ~/ (regex path)";
  if (text.find("//") != std::string::npos) return "must not have empty segments";
  return "";
}

std::string RedirectCode(const json& v) {
  const double code = v.get<double>();
  for (const int allowed : {426, 301, 302, 307, 308})
    if (code == allowed) return "";
  return "expected one of: 426, 301, 302, 307, 308";
}

std::string PathHandling(const json& v) {
  static constexpr std::array<std::string_view, 2> kValues = {"v0", "v1"};
  return OneOf(v, kValues);
}
std::string Algorithm(const json& v) {
  static constexpr std::array<std::string_view, 4> kValues = {"round-robin", "consistent-hashing",
                                                              "least-connections", "latency"};
  return OneOf(v, kValues);
}
std::string HashOn(const json& v) {
  static constexpr std::array<std::string_view, 8> kValues = {
      "none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"};
  return OneOf(v, kValues);
}
std::string CheckType(const json& v) {
  static constexpr std::array<std::string_view, 5> kValues = {"tcp", "http", "https", "grpc", "grpcs"};
  return OneOf(v, kValues);
}
std::string JwtAlgorithm(const json& v) {
  static constexpr std::array<std::string_view, 13> kValues = {"HS256", "HS384", "HS512", "RS256", "RS384",
                                                               "RS512", "ES256", "ES384", "ES512", "PS256",
                                                               "PS384", "PS512", "EdDSA"};
  return OneOf(v, kValues);
}
std::string ClientType(const json& v) {
  static constexpr std::array<std::string_view, 2> kValues = {"confidential", "public"};
  return OneOf(v, kValues);
}
std::string Certificate(const json& v) {
  const auto text = v.get<std::string>();
  if (text.empty()) return "length must be at least 1";
  return text.find("-----BEGIN CERTIFICATE-----") == std::string::npos
             ? "invalid certificate: not a PEM certificate"
             : "";
}
std::string Key(const json& v) {
  const auto text = v.get<std::string>();
  if (text.empty()) return "length must be at least 1";
  return text.find("PRIVATE KEY-----") == std::string::npos ? "invalid key: not a PEM private key" : "";
}
std::string PluginName(const json& v) {
  const auto text = v.get<std::string>();
  return IsBundledPlugin(text)
             ? ""
             : "plugin '" + text + "' not enabled; add it to the 'plugins' configuration property";
}
std::string VaultPrefix(const json& v) {
  static const std::regex kPrefix("^[a-z][a-z0-9-]*[a-z0-9]+$");
  return std::regex_match(v.get<std::string>(), kPrefix) ? "" : "invalid value: " + v.get<std::string>();
}

// ---- shared field lists ----

Field Id() {
  return {"id", Type::kString, false, Uuid};
}
Field Tags() {
  return {"tags", Type::kSet, false, Tag, Type::kString};
}
Field Timestamp(std::string_view name) {
  return {name, Type::kNumber};
}
Field Str(std::string_view name, bool required = false, ValueCheck check = nullptr) {
  return {name, Type::kString, required, check};
}
Field Int(std::string_view name, ValueCheck check = nullptr) {
  return {name, Type::kInteger, false, check};
}
Field Bool(std::string_view name) {
  return {name, Type::kBoolean};
}
Field Foreign(std::string_view name, std::string_view target, bool required = false) {
  return {name, Type::kForeign, required, nullptr, Type::kAny, target};
}
Field Record(std::string_view name, std::vector<Field> fields) {
  return {name, Type::kRecord, false, nullptr, Type::kAny, {}, std::move(fields)};
}
Field Array(std::string_view name, Type element, ValueCheck check = nullptr, Type type = Type::kArray) {
  return {name, type, false, check, element};
}

std::vector<Field> Credential(std::vector<Field> own) {
  std::vector<Field> fields = {Id(), Tags(), Timestamp("created_at"), Foreign("consumer", "consumers", true)};
  fields.insert(fields.end(), own.begin(), own.end());
  return fields;
}

// ---- entity checks ----

bool Has(const json& entity, const char* key) {
  const auto it = entity.find(key);
  if (it == entity.end() || it->is_null()) return false;
  return !(it->is_array() && it->empty()) && !(it->is_object() && it->empty());
}

std::string Protocols(const json& entity) {
  const auto it = entity.find("protocols");
  if (it == entity.end() || !it->is_array() || it->empty() || !(*it)[0].is_string()) return "http";
  return (*it)[0].get<std::string>();
}

bool ProtocolsContain(const json& entity, std::initializer_list<std::string_view> wanted) {
  const auto it = entity.find("protocols");
  if (it == entity.end() || !it->is_array()) {
    return std::find(wanted.begin(), wanted.end(), "https") != wanted.end();  // default [http, https]
  }
  for (const auto& p : *it)
    if (p.is_string() && std::find(wanted.begin(), wanted.end(), p.get<std::string>()) != wanted.end())
      return true;
  return false;
}

void CheckService(const json& e, const CheckContext&, EntityErrors& errors) {
  if (!Has(e, "host") && !Has(e, "url")) errors.fields.emplace_back("host", "required field missing");
  if (e.contains("protocol") && e["protocol"].is_string() && Has(e, "path")) {
    const auto protocol = e["protocol"].get<std::string>();
    if (protocol == "tcp" || protocol == "tls" || protocol == "udp" || protocol == "grpc" ||
        protocol == "grpcs") {
      errors.fields.emplace_back("path", "value must be null");
      errors.entity.push_back("failed conditional validation given value of field 'protocol'");
    }
  }
}

void CheckRoute(const json& e, const CheckContext& context, EntityErrors& errors) {
  const bool expressions = context.router_flavor == "expressions";
  if (expressions && Has(e, "expression")) {
    for (const char* classic : {"methods", "hosts", "paths", "headers", "snis", "sources", "destinations"}) {
      if (Has(e, classic)) {
        errors.entity.push_back("Router Expression failed validation: cannot set '" + std::string(classic) +
                                "' when 'expression' is set");
        return;
      }
    }
    return;
  }
  if (expressions && Has(e, "priority"))
    errors.fields.emplace_back("priority", "can only be set when 'expression' is set");
  if (Has(e, "headers") && e["headers"].is_object()) {
    for (const auto& [name, unused] : e["headers"].items()) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      if (lower == "host")
        errors.fields.emplace_back(
            "headers", "cannot contain 'host' header, which must be specified in the 'hosts' attribute");
    }
  }
  const std::string first = Protocols(e);
  if (Has(e, "snis") && !ProtocolsContain(e, {"https", "grpcs", "tls", "tls_passthrough"}))
    errors.fields.emplace_back("snis",
                               "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or "
                               "'tls_passthrough'");
  if (first == "http" || first == "https") {
    const bool https = ProtocolsContain(e, {"https"});
    if (!Has(e, "methods") && !Has(e, "hosts") && !Has(e, "headers") && !Has(e, "paths") &&
        !(https && Has(e, "snis"))) {
      errors.entity.push_back(
          https ? "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when "
                  "'protocols' is 'https'"
                : "must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is "
                  "'http'");
    }
    if (Has(e, "sources") || Has(e, "destinations"))
      errors.entity.push_back(
          "'sources' and 'destinations' can only be set when 'protocols' is 'tcp', 'tls' or "
          "'udp'");
  } else if (first == "tcp" || first == "tls" || first == "udp") {
    if (!Has(e, "sources") && !Has(e, "destinations") && !Has(e, "snis"))
      errors.entity.push_back(
          "must set one of 'sources', 'destinations', 'snis' when 'protocols' is 'tcp', 'tls' "
          "or 'udp'");
    for (const char* http_only : {"methods", "hosts", "paths", "headers"}) {
      if (Has(e, http_only))
        errors.fields.emplace_back(http_only, "cannot set '" + std::string(http_only) +
                                                  "' when 'protocols' is 'tcp', 'tls' or 'udp'");
    }
  } else if (first == "tls_passthrough") {
    if (!Has(e, "snis")) errors.entity.push_back("must set snis when 'protocols' is 'tls_passthrough'");
  } else if (first == "grpc" || first == "grpcs") {
    if (!Has(e, "hosts") && !Has(e, "headers") && !Has(e, "paths") && !(first == "grpcs" && Has(e, "snis")))
      errors.entity.push_back(
          "must set one of 'hosts', 'headers', 'paths' when 'protocols' is 'grpc' or 'grpcs'");
    if (e.contains("strip_path") && e["strip_path"] == true)
      errors.fields.emplace_back("strip_path",
                                 "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'");
  }
}

void CheckUpstream(const json& e, const CheckContext&, EntityErrors& errors) {
  auto mode = [&](const char* key) {
    return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : "";
  };
  const std::string on = mode("hash_on");
  const std::string fallback = mode("hash_fallback");
  if (on == "header" && !Has(e, "hash_on_header"))
    errors.fields.emplace_back("hash_on_header", "required field missing");
  if (fallback == "header" && !Has(e, "hash_fallback_header"))
    errors.fields.emplace_back("hash_fallback_header", "required field missing");
  if ((on == "cookie" || fallback == "cookie") && !Has(e, "hash_on_cookie"))
    errors.fields.emplace_back("hash_on_cookie", "required field missing");
  if ((on.empty() || on == "none") && !fallback.empty() && fallback != "none")
    errors.fields.emplace_back("hash_fallback", "expected one of: none");
  if (on == "cookie" && !fallback.empty() && fallback != "none")
    errors.fields.emplace_back("hash_fallback", "expected one of: none");
}

void CheckConsumer(const json& e, const CheckContext&, EntityErrors& errors) {
  if (!Has(e, "username") && !Has(e, "custom_id"))
    errors.entity.push_back("at least one of these fields must be non-empty: 'custom_id', 'username'");
}

std::vector<Field> HealthyFields(bool active) {
  std::vector<Field> fields = {Array("http_statuses", Type::kInteger, HttpStatus), Int("successes", Counter)};
  if (active) fields.push_back({"interval", Type::kNumber, false, Interval});
  return fields;
}
std::vector<Field> UnhealthyFields(bool active) {
  std::vector<Field> fields = {Array("http_statuses", Type::kInteger, HttpStatus),
                               Int("tcp_failures", Counter), Int("timeouts", Counter),
                               Int("http_failures", Counter)};
  if (active) fields.push_back({"interval", Type::kNumber, false, Interval});
  return fields;
}

std::vector<Entity> BuildEntities() {
  std::vector<Entity> entities;
  entities.push_back(
      Entity{"services",
             "service",
             {Id(), Tags(), Timestamp("created_at"), Timestamp("updated_at"), Str("name", false, Name),
              Str("protocol", false, Protocol), Str("host", false, NonEmpty), Int("port", Port),
              Str("path", false, Path), Int("retries", Retries), Int("connect_timeout", Timeout),
              Int("write_timeout", Timeout), Int("read_timeout", Timeout),
              Foreign("client_certificate", "certificates"), Bool("tls_verify"),
              Int("tls_verify_depth", VerifyDepth), Array("ca_certificates", Type::kString, Uuid),
              Bool("enabled"), Str("url")},
             {{"routes", "routes", "service"}, {"plugins", "plugins", "service"}},
             "name",
             {"name"},
             CheckService});
  entities.push_back(Entity{"routes",
                            "route",
                            {Id(),
                             Tags(),
                             Timestamp("created_at"),
                             Timestamp("updated_at"),
                             Str("name", false, Name),
                             Array("protocols", Type::kString, Protocol, Type::kSet),
                             Array("methods", Type::kString, Method, Type::kSet),
                             Array("hosts", Type::kString, Host),
                             Array("paths", Type::kString, RoutePath),
                             {"headers", Type::kMap},
                             Array("snis", Type::kString, Host, Type::kSet),
                             Array("sources", Type::kRecord, nullptr, Type::kSet),
                             Array("destinations", Type::kRecord, nullptr, Type::kSet),
                             Int("https_redirect_status_code", RedirectCode),
                             Int("regex_priority"),
                             Bool("strip_path"),
                             Str("path_handling", false, PathHandling),
                             Bool("preserve_host"),
                             Bool("request_buffering"),
                             Bool("response_buffering"),
                             Foreign("service", "services"),
                             {"expression", Type::kString, false, nullptr, Type::kAny, {}, {}, true},
                             {"priority", Type::kInteger, false, Priority, Type::kAny, {}, {}, true}},
                            {{"plugins", "plugins", "route"}},
                            "name",
                            {"name"},
                            CheckRoute});
  entities.push_back(Entity{
      "upstreams",
      "upstream",
      {Id(),
       Tags(),
       Timestamp("created_at"),
       Timestamp("updated_at"),
       Str("name", true, NonEmpty),
       Str("algorithm", false, Algorithm),
       Str("hash_on", false, HashOn),
       Str("hash_fallback", false, HashOn),
       Str("hash_on_header"),
       Str("hash_fallback_header"),
       Str("hash_on_cookie"),
       Str("hash_on_cookie_path", false, Path),
       Str("hash_on_query_arg", false, NonEmpty),
       Str("hash_fallback_query_arg", false, NonEmpty),
       Str("hash_on_uri_capture", false, NonEmpty),
       Str("hash_fallback_uri_capture", false, NonEmpty),
       Int("slots", Slots),
       Record("healthchecks",
              {Record("active", {Str("type", false, CheckType),
                                 {"timeout", Type::kNumber, false, Interval},
                                 Int("concurrency", Concurrency),
                                 Str("http_path", false, Path),
                                 Bool("https_verify_certificate"),
                                 Str("https_sni"),
                                 {"headers", Type::kMap},
                                 Record("healthy", HealthyFields(true)),
                                 Record("unhealthy", UnhealthyFields(true))}),
               Record("passive", {Str("type", false, CheckType), Record("healthy", HealthyFields(false)),
                                  Record("unhealthy", UnhealthyFields(false))}),
               {"threshold", Type::kNumber, false, Threshold}}),
       Str("host_header"),
       Foreign("client_certificate", "certificates"),
       Bool("use_srv_name")},
      {{"targets", "targets", "upstream"}},
      "name",
      {"name"},
      CheckUpstream});
  entities.push_back(
      Entity{"targets",
             "target",
             {Id(), Tags(), Timestamp("created_at"), Timestamp("updated_at"),
              Foreign("upstream", "upstreams", true), Str("target", true, NonEmpty), Int("weight", Weight)},
             {},
             "",
             {},
             nullptr});
  entities.push_back(
      Entity{"certificates",
             "certificate",
             {Id(), Tags(), Timestamp("created_at"), Timestamp("updated_at"), Str("cert", true, Certificate),
              Str("key", true, Key), Str("cert_alt", false, Certificate), Str("key_alt", false, Key)},
             {{"snis", "snis", "certificate"}},
             "",
             {},
             nullptr});
  entities.push_back(Entity{"snis",
                            "sni",
                            {Id(), Tags(), Timestamp("created_at"), Timestamp("updated_at"),
                             Str("name", true, Host), Foreign("certificate", "certificates", true)},
                            {},
                            "name",
                            {"name"},
                            nullptr});
  entities.push_back(Entity{"ca_certificates",
                            "ca_certificate",
                            {Id(), Tags(), Timestamp("created_at"), Timestamp("updated_at"),
                             Str("cert", true, Certificate), Str("cert_digest")},
                            {},
                            "",
                            {"cert_digest"},
                            nullptr});
  entities.push_back(Entity{
      "plugins",
      "plugin",
      {Id(), Tags(), Timestamp("created_at"), Timestamp("updated_at"), Str("name", true, PluginName),
       Str("instance_name", false, Name), Foreign("route", "routes"), Foreign("service", "services"),
       Foreign("consumer", "consumers"), Foreign("consumer_group", "consumer_groups"), Record("config", {}),
       Array("protocols", Type::kString, Protocol, Type::kSet), Bool("enabled"), Record("ordering", {})},
      {},
      "",
      {"instance_name"},
      nullptr});
  entities.push_back(Entity{
      "consumers",
      "consumer",
      {Id(), Tags(), Timestamp("created_at"), Timestamp("updated_at"), Str("username"), Str("custom_id")},
      {{"plugins", "plugins", "consumer"},
       {"keyauth_credentials", "keyauth_credentials", "consumer"},
       {"basicauth_credentials", "basicauth_credentials", "consumer"},
       {"hmacauth_credentials", "hmacauth_credentials", "consumer"},
       {"jwt_secrets", "jwt_secrets", "consumer"},
       {"acls", "acls", "consumer"},
       {"oauth2_credentials", "oauth2_credentials", "consumer"}},
      "username",
      {"username", "custom_id"},
      CheckConsumer});
  entities.push_back(Entity{"keyauth_credentials",
                            "keyauth_credential",
                            Credential({Str("key"), Int("ttl")}),
                            {},
                            "key",
                            {"key"},
                            nullptr});
  entities.push_back(Entity{"basicauth_credentials",
                            "basicauth_credential",
                            Credential({Str("username", true), Str("password", true)}),
                            {},
                            "username",
                            {"username"},
                            nullptr});
  entities.push_back(Entity{"hmacauth_credentials",
                            "hmacauth_credential",
                            Credential({Str("username", true), Str("secret")}),
                            {},
                            "username",
                            {"username"},
                            nullptr});
  entities.push_back(Entity{
      "jwt_secrets",
      "jwt_secret",
      Credential({Str("key"), Str("secret"), Str("rsa_public_key"), Str("algorithm", false, JwtAlgorithm)}),
      {},
      "key",
      {"key"},
      nullptr});
  entities.push_back(Entity{"acls", "acl", Credential({Str("group", true, NonEmpty)}), {}, "", {}, nullptr});
  entities.push_back(
      Entity{"oauth2_credentials",
             "oauth2_credential",
             Credential({Str("name", true), Str("client_id"), Str("client_secret"), Bool("hash_secret"),
                         Array("redirect_uris", Type::kString), Str("client_type", false, ClientType)}),
             {},
             "client_id",
             {"client_id"},
             nullptr});
  entities.push_back(
      Entity{"vaults",
             "vault",
             {Id(), Tags(), Timestamp("created_at"), Timestamp("updated_at"),
              Str("prefix", true, VaultPrefix), Str("name", true), Str("description"), Record("config", {})},
             {},
             "prefix",
             {"prefix"},
             nullptr});
  return entities;
}

}  // namespace

const Entity* FindEntity(std::string_view plural) {
  static const std::vector<Entity> kEntities = BuildEntities();
  for (const auto& entity : kEntities)
    if (entity.plural == plural) return &entity;
  return nullptr;
}

bool IsUncheckedEntity(std::string_view plural, bool enterprise) {
  static constexpr std::array<std::string_view, 10> kOss = {
      "workspaces",    "clustering_data_planes",     "parameters",    "key_sets", "keys",
      "filter_chains", "oauth2_authorization_codes", "oauth2_tokens", "sessions", "acme_storage"};
  static constexpr std::array<std::string_view, 4> kEnterprise = {
      "consumer_groups", "consumer_group_consumers", "degraphql_routes", "mtls_auth_credentials"};
  if (std::find(kOss.begin(), kOss.end(), plural) != kOss.end() || plural == "ratelimiting_metrics")
    return true;
  return enterprise && std::find(kEnterprise.begin(), kEnterprise.end(), plural) != kEnterprise.end();
}

const Field* FindField(const Entity& entity, std::string_view name) {
  for (const auto& field : entity.fields)
    if (field.name == name) return &field;
  return nullptr;
}

bool IsBundledPlugin(std::string_view name) {
  static constexpr std::array<std::string_view, 48> kPlugins = {"jwt",
                                                                "acl",
                                                                "correlation-id",
                                                                "cors",
                                                                "oauth2",
                                                                "tcp-log",
                                                                "udp-log",
                                                                "file-log",
                                                                "http-log",
                                                                "key-auth",
                                                                "hmac-auth",
                                                                "basic-auth",
                                                                "ip-restriction",
                                                                "request-transformer",
                                                                "response-transformer",
                                                                "request-size-limiting",
                                                                "rate-limiting",
                                                                "response-ratelimiting",
                                                                "syslog",
                                                                "loggly",
                                                                "datadog",
                                                                "ldap-auth",
                                                                "statsd",
                                                                "bot-detection",
                                                                "aws-lambda",
                                                                "request-termination",
                                                                "prometheus",
                                                                "proxy-cache",
                                                                "session",
                                                                "acme",
                                                                "grpc-gateway",
                                                                "grpc-web",
                                                                "pre-function",
                                                                "post-function",
                                                                "azure-functions",
                                                                "zipkin",
                                                                "opentelemetry",
                                                                "ai-proxy",
                                                                "ai-prompt-decorator",
                                                                "ai-prompt-template",
                                                                "ai-prompt-guard",
                                                                "ai-request-transformer",
                                                                "ai-response-transformer",
                                                                "standard-webhooks",
                                                                "redirect",
                                                                "degraphql",
                                                                "openid-connect",
                                                                "mtls-auth"};
  return std::find(kPlugins.begin(), kPlugins.end(), name) != kPlugins.end();
}

}  // namespace kic::testing::kong_schema
