#include "kong/serialize.h"

#include <algorithm>
#include <functional>

#include "common/json_sink.h"
#include "common/yaml_sink.h"

namespace kic::kong {
namespace {

// Field writers. Within each entity the keys are listed in natural order (see NaturalLess).

void Str(Sink& s, std::string_view key, const std::string& v) {
  s.Key(key);
  s.String(v);
}
// Optional: std::optional or BoxedOptional.
template <class Optional>
void OptStr(Sink& s, std::string_view key, const Optional& v) {
  if (v) Str(s, key, *v);
}
void OptInt(Sink& s, std::string_view key, const std::optional<int64_t>& v) {
  if (!v) return;
  s.Key(key);
  s.Int(*v);
}
void OptBool(Sink& s, std::string_view key, const std::optional<bool>& v) {
  if (!v) return;
  s.Key(key);
  s.Bool(*v);
}
void StrList(Sink& s, std::string_view key, const std::vector<std::string>& v) {
  s.Key(key);
  s.BeginSeq();
  for (const auto& item : v) s.String(item);
  s.EndSeq();
}
template <class Optional>
void OptStrList(Sink& s, std::string_view key, const Optional& v) {
  if (v) StrList(s, key, *v);
}
void TagList(Sink& s, const Tags& tags) {
  if (tags.empty()) return;
  s.Key("tags");
  s.BeginSeq();
  for (const auto tag : tags) s.String(tag);
  s.EndSeq();
}

void WritePlugin(Sink& s, const Plugin& p) {
  s.BeginMap();
  if (!p.config.empty()) {
    s.Key("config");
    WriteJson(p.config, s);
  }
  OptStr(s, "consumer", p.consumer);
  OptStr(s, "consumer_group", p.consumer_group);
  OptBool(s, "enabled", p.enabled);
  OptStr(s, "id", p.id);
  OptStr(s, "instance_name", p.instance_name);
  Str(s, "name", p.name);
  if (p.ordering) {
    s.Key("ordering");
    WriteJson(*p.ordering, s);
  }
  OptStrList(s, "protocols", p.protocols);
  OptStr(s, "route", p.route);
  OptStr(s, "run_on", p.run_on);
  OptStr(s, "service", p.service);
  TagList(s, p.tags);
  s.EndMap();
}

void Plugins(Sink& s, const std::vector<Plugin>& plugins) {
  if (plugins.empty()) return;
  s.Key("plugins");
  s.BeginSeq();
  for (const auto& p : plugins) WritePlugin(s, p);
  s.EndSeq();
}

void WriteRoute(Sink& s, const Route& r) {
  s.BeginMap();
  if (r.destinations) {
    s.Key("destinations");
    s.BeginSeq();
    for (const auto& d : *r.destinations) {
      s.BeginMap();
      OptStr(s, "ip", d.ip);
      OptInt(s, "port", d.port);
      s.EndMap();
    }
    s.EndSeq();
  }
  OptStr(s, "expression", r.expression);
  if (!r.headers.empty()) {
    s.Key("headers");
    s.BeginMap();
    std::vector<const std::string*> names;
    for (const auto& [name, values] : r.headers) names.push_back(&name);
    std::sort(names.begin(), names.end(), [](auto* a, auto* b) { return NaturalLess(*a, *b); });
    for (const auto* name : names) StrList(s, *name, r.headers.at(*name));
    s.EndMap();
  }
  OptStrList(s, "hosts", r.hosts);
  OptInt(s, "https_redirect_status_code", r.https_redirect_status_code);
  OptStr(s, "id", r.id);
  OptStrList(s, "methods", r.methods);
  Str(s, "name", r.name);
  OptStr(s, "path_handling", r.path_handling);
  OptStrList(s, "paths", r.paths);
  Plugins(s, r.plugins);
  OptBool(s, "preserve_host", r.preserve_host);
  if (r.priority) {
    s.Key("priority");
    s.Uint(*r.priority);
  }
  OptStrList(s, "protocols", r.protocols);
  OptInt(s, "regex_priority", r.regex_priority);
  OptBool(s, "request_buffering", r.request_buffering);
  OptBool(s, "response_buffering", r.response_buffering);
  OptStrList(s, "snis", r.snis);
  OptBool(s, "strip_path", r.strip_path);
  TagList(s, r.tags);
  s.EndMap();
}

void WriteService(Sink& s, const Service& svc) {
  s.BeginMap();
  OptStrList(s, "ca_certificates", svc.ca_certificates);
  if (svc.client_certificate) {
    s.Key("client_certificate");
    s.BeginMap();
    Str(s, "id", *svc.client_certificate);
    s.EndMap();
  }
  OptInt(s, "connect_timeout", svc.connect_timeout);
  Str(s, "host", svc.host);
  OptStr(s, "id", svc.id);
  Str(s, "name", svc.name);
  OptStr(s, "path", svc.path);
  Plugins(s, svc.plugins);
  OptInt(s, "port", svc.port);
  OptStr(s, "protocol", svc.protocol);
  OptInt(s, "read_timeout", svc.read_timeout);
  OptInt(s, "retries", svc.retries);
  if (!svc.routes.empty()) {
    s.Key("routes");
    s.BeginSeq();
    for (const auto& r : svc.routes) WriteRoute(s, r);
    s.EndSeq();
  }
  TagList(s, svc.tags);
  OptBool(s, "tls_verify", svc.tls_verify);
  OptInt(s, "tls_verify_depth", svc.tls_verify_depth);
  OptInt(s, "write_timeout", svc.write_timeout);
  s.EndMap();
}

void WriteTargets(Sink& s, const std::vector<Target>& targets) {
  s.BeginSeq();
  for (const auto& t : targets) {
    s.BeginMap();
    TagList(s, t.tags);
    Str(s, "target", t.target);
    OptInt(s, "weight", t.weight);
    s.EndMap();
  }
  s.EndSeq();
}

// Where the text of a chunked JSON sink stands, so that byte ranges of the body can be recorded.
struct SpanRecorder {
  const ChunkedJsonSink& sink;
  std::vector<ByteSpan>& spans;
  size_t Offset() const { return sink.Offset(); }
};

void WriteUpstream(Sink& s, const Upstream& u, SpanRecorder* recorder) {
  s.BeginMap();
  static const UpstreamBalancing kNoBalancing;
  const UpstreamBalancing& lb = u.balancing ? *u.balancing : kNoBalancing;
  OptStr(s, "algorithm", u.algorithm);
  OptStr(s, "hash_fallback", lb.hash_fallback);
  OptStr(s, "hash_fallback_header", lb.hash_fallback_header);
  OptStr(s, "hash_fallback_query_arg", lb.hash_fallback_query_arg);
  OptStr(s, "hash_fallback_uri_capture", lb.hash_fallback_uri_capture);
  OptStr(s, "hash_on", lb.hash_on);
  OptStr(s, "hash_on_cookie", lb.hash_on_cookie);
  OptStr(s, "hash_on_cookie_path", lb.hash_on_cookie_path);
  OptStr(s, "hash_on_header", lb.hash_on_header);
  OptStr(s, "hash_on_query_arg", lb.hash_on_query_arg);
  OptStr(s, "hash_on_uri_capture", lb.hash_on_uri_capture);
  if (lb.healthchecks) {
    s.Key("healthchecks");
    WriteJson(*lb.healthchecks, s);
  }
  OptStr(s, "host_header", u.host_header);
  Str(s, "name", u.name);
  OptInt(s, "slots", u.slots);
  OptStr(s, "sticky_sessions_cookie", lb.sticky_sessions_cookie);
  OptStr(s, "sticky_sessions_cookie_path", lb.sticky_sessions_cookie_path);
  TagList(s, u.tags);
  // "targets" is the last key: its section (comma included) can be cut out and replaced alone.
  const size_t begin = recorder ? recorder->Offset() : 0;
  if (!u.targets.empty()) {
    s.Key("targets");
    WriteTargets(s, u.targets);
  }
  if (recorder) recorder->spans.push_back(ByteSpan{begin, recorder->Offset() - begin});
  s.EndMap();
}

void WriteCertificate(Sink& s, const Certificate& c) {
  s.BeginMap();
  Str(s, "cert", c.cert);
  Str(s, "id", c.id);
  Str(s, "key", c.key);
  if (!c.snis.empty()) {
    s.Key("snis");
    s.BeginSeq();
    for (const auto& sni : c.snis) {
      s.BeginMap();
      s.Key("certificate");
      s.BeginMap();
      Str(s, "id", sni.certificate_id);
      s.EndMap();
      Str(s, "name", sni.name);
      s.EndMap();
    }
    s.EndSeq();
  }
  TagList(s, c.tags);
  s.EndMap();
}

void WriteConsumer(Sink& s, const Consumer& c) {
  s.BeginMap();
  // Credential lists and the consumer's own fields share one key space; merge them in order.
  std::vector<std::string> keys;
  for (const auto& [type, creds] : c.credentials)
    if (!creds.empty()) keys.push_back(type);
  if (c.custom_id) keys.push_back("custom_id");
  if (c.id) keys.push_back("id");
  if (!c.plugins.empty()) keys.push_back("plugins");
  if (!c.tags.empty()) keys.push_back("tags");
  if (c.username) keys.push_back("username");
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return NaturalLess(a, b); });
  for (const auto& key : keys) {
    if (key == "custom_id") {
      Str(s, key, *c.custom_id);
    } else if (key == "id") {
      Str(s, key, *c.id);
    } else if (key == "plugins") {
      Plugins(s, c.plugins);
    } else if (key == "tags") {
      TagList(s, c.tags);
    } else if (key == "username") {
      Str(s, key, *c.username);
    } else {
      s.Key(key);
      s.BeginSeq();
      for (const auto& cred : c.credentials.at(key)) {
        nlohmann::json fields = cred.fields;
        if (!cred.tags.empty()) fields["tags"] = cred.tags.ToVector();
        WriteJson(fields, s);
      }
      s.EndSeq();
    }
  }
  s.EndMap();
}

void WriteCaCertificates(Sink& s, const std::vector<CACertificate>& cas) {
  s.BeginSeq();
  for (const auto& ca : cas) {
    s.BeginMap();
    Str(s, "cert", ca.cert);
    Str(s, "id", ca.id);
    TagList(s, ca.tags);
    s.EndMap();
  }
  s.EndSeq();
}

void WriteConsumerGroups(Sink& s, const std::vector<ConsumerGroup>& groups) {
  s.BeginSeq();
  for (const auto& g : groups) {
    s.BeginMap();
    OptStr(s, "id", g.id);
    Str(s, "name", g.name);
    Plugins(s, g.plugins);
    TagList(s, g.tags);
    s.EndMap();
  }
  s.EndSeq();
}

void WriteVaults(Sink& s, const std::vector<Vault>& vaults) {
  s.BeginSeq();
  for (const auto& v : vaults) {
    s.BeginMap();
    if (v.config) {
      s.Key("config");
      WriteJson(*v.config, s);
    }
    OptStr(s, "description", v.description);
    OptStr(s, "id", v.id);
    Str(s, "name", v.name);
    Str(s, "prefix", v.prefix);
    TagList(s, v.tags);
    s.EndMap();
  }
  s.EndSeq();
}

// `spent`, when given, is `config` itself, given up by its owner: each service and upstream is
// freed once written, so the config and its body are never both whole in memory.
void WriteConfig(const Config& config, Sink& s, SpanRecorder* recorder, Config* spent = nullptr) {
  // Top-level keys, each with its writer; custom entity types join them, and all are written in
  // natural key order.
  std::vector<std::pair<std::string, std::function<void()>>> sections;
  auto add = [&](std::string key, bool present, std::function<void()> write) {
    if (present) sections.emplace_back(std::move(key), std::move(write));
  };
  add("_format_version", true, [&] { s.String("3.0"); });
  add("ca_certificates", !config.ca_certificates.empty(),
      [&] { WriteCaCertificates(s, config.ca_certificates); });
  add("certificates", !config.certificates.empty(), [&] {
    s.BeginSeq();
    for (const auto& c : config.certificates) WriteCertificate(s, c);
    s.EndSeq();
  });
  add("consumer_group_consumers", !config.consumer_group_consumers.empty(), [&] {
    s.BeginSeq();
    for (const auto& m : config.consumer_group_consumers) {
      s.BeginMap();
      Str(s, "consumer", m.consumer);
      Str(s, "consumer_group", m.consumer_group);
      s.EndMap();
    }
    s.EndSeq();
  });
  add("consumer_groups", !config.consumer_groups.empty(),
      [&] { WriteConsumerGroups(s, config.consumer_groups); });
  add("consumers", !config.consumers.empty(), [&] {
    s.BeginSeq();
    for (const auto& c : config.consumers) WriteConsumer(s, c);
    s.EndSeq();
  });
  add("plugins", !config.plugins.empty(), [&] {
    s.BeginSeq();
    for (const auto& p : config.plugins) WritePlugin(s, p);
    s.EndSeq();
  });
  add("services", !config.services.empty(), [&] {
    s.BeginSeq();
    for (size_t i = 0; i < config.services.size(); ++i) {
      WriteService(s, config.services[i]);
      if (spent) spent->services[i] = Service{};
    }
    s.EndSeq();
  });
  add("upstreams", !config.upstreams.empty(), [&] {
    s.BeginSeq();
    for (size_t i = 0; i < config.upstreams.size(); ++i) {
      WriteUpstream(s, config.upstreams[i], recorder);
      if (spent) spent->upstreams[i] = Upstream{};
    }
    s.EndSeq();
  });
  add("vaults", !config.vaults.empty(), [&] { WriteVaults(s, config.vaults); });
  for (const auto& [type, entities] : config.custom_entities) {
    add(type, !entities.empty(), [&s, &entities] {
      s.BeginSeq();
      for (const auto& e : entities) WriteJson(e, s);
      s.EndSeq();
    });
  }
  std::stable_sort(sections.begin(), sections.end(),
                   [](const auto& a, const auto& b) { return NaturalLess(a.first, b.first); });
  s.BeginMap();
  for (const auto& [key, write] : sections) {
    s.Key(key);
    write();
  }
  s.EndMap();
}

}  // namespace

void Write(const Config& config, Sink& sink) {
  WriteConfig(config, sink, nullptr);
}

std::string ToJson(const Config& config) {
  JsonSink sink;
  Write(config, sink);
  return sink.Take();
}

namespace {
ChunkedJson ChunksOf(const Config& config, Config* spent) {
  ChunkedJson json;
  ChunkedJsonSink sink;
  SpanRecorder recorder{sink, json.target_sections};
  WriteConfig(config, sink, &recorder, spent);
  json.size = sink.Offset();
  json.chunks = sink.Take();
  return json;
}
}  // namespace

ChunkedJson ToJsonChunks(const Config& config) {
  return ChunksOf(config, nullptr);
}

ChunkedJson ToJsonChunks(Config&& config) {
  ChunkedJson json = ChunksOf(config, &config);
  config = Config{};
  return json;
}

std::string TargetsSectionJson(const std::vector<Target>& targets) {
  if (targets.empty()) return "";
  JsonSink sink;
  WriteTargets(sink, targets);
  return ",\"targets\":" + sink.Take();
}

std::string ToYaml(const Config& config) {
  YamlSink sink;
  Write(config, sink);
  return sink.Finish();
}

}  // namespace kic::kong
