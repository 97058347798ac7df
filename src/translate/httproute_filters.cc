#include "translate/httproute_filters.h"

#include <algorithm>
#include <map>

namespace kic::translate {
namespace {

// The match's path prefix without its trailing slash; "" for the root.
std::string PrefixOf(const kube::HTTPRouteMatch* match) {
  std::string p = match && match->path ? match->path->value.value_or("") : "";
  while (!p.empty() && p.back() == '/') p.pop_back();
  return p;
}

// Go's path.Join of a host and a path: slashes cleaned, no trailing slash.
std::string JoinHostPath(const std::string& host, const std::string& path) {
  std::string out = host;
  for (size_t i = 0; i < path.size();) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t end = path.find('/', i);
    if (end == std::string::npos) end = path.size();
    if (end > i) out += "/" + path.substr(i, end - i);
    i = end;
  }
  return out;
}

std::string ReplacePrefixUri(const std::string& prefix, std::string replacement) {
  while (!replacement.empty() && replacement.back() == '/') replacement.pop_back();
  const bool root = prefix.empty();
  if (!replacement.empty()) {
    if (!root) return replacement + "$(uri_captures[1])";
    return replacement + "$(uri_captures[1] == nil and \"\" or \"/\" .. uri_captures[1])";
  }
  if (!root) return "$(uri_captures[1] == nil and \"/\" or uri_captures[1])";
  return "$(uri_captures[1] == nil and \"/\" or \"/\" .. uri_captures[1])";
}

// Accumulates transformer sections ("replace" -> "headers" -> [...]) per plugin name.
class Transformers {
 public:
  void Append(const std::string& plugin, const std::string& section, const std::string& key,
              std::string value) {
    config_[plugin][section][key].push_back(std::move(value));
  }
  void Set(const std::string& plugin, const std::string& section, const std::string& key, std::string value) {
    config_[plugin][section][key] = std::move(value);
  }
  void AddHeaders(const std::string& plugin, const kube::HTTPHeaderModifier& m) {
    for (const auto& [name, value] : m.set) {
      Append(plugin, "replace", "headers", name + ":" + value);
      Append(plugin, "add", "headers", name + ":" + value);
    }
    for (const auto& [name, value] : m.add) Append(plugin, "append", "headers", name + ":" + value);
    for (const auto& name : m.remove) Append(plugin, "remove", "headers", name);
  }
  void Into(std::vector<kong::Plugin>& plugins, const kong::Tags& tags) const {
    for (const auto& [name, config] : config_) {
      kong::Plugin p;
      p.name = name;
      p.config = config;
      p.tags = tags;
      plugins.push_back(std::move(p));
    }
  }

 private:
  std::map<std::string, nlohmann::json> config_;
};

kong::Plugin RedirectPlugin(const kube::HTTPRequestRedirect& r, const kong::Tags& tags) {
  std::string path = "/";
  bool keep_incoming_path = true;
  if (r.path && r.path->replace_full_path) {
    path = *r.path->replace_full_path;
    keep_incoming_path = false;
  }
  std::string location = path;
  if (r.hostname) {
    std::string host = *r.hostname;
    if (r.port) host += ":" + std::to_string(*r.port);
    location = r.scheme.value_or("http") + "://" + JoinHostPath(host, path);
  }
  kong::Plugin p;
  p.name = "redirect";
  p.config = {{"status_code", r.status_code.value_or(302)},
              {"location", location},
              {"keep_incoming_path", keep_incoming_path}};
  p.tags = tags;
  return p;
}

}  // namespace

std::string UnsupportedFilter(const std::vector<kube::HTTPRouteFilter>& filters) {
  for (const auto& f : filters) {
    if (f.type == "RequestHeaderModifier" || f.type == "ResponseHeaderModifier" ||
        f.type == "RequestRedirect" || f.type == "URLRewrite")
      continue;
    if (f.type == "ExtensionRef" && f.extension_ref && f.extension_ref->group == "configuration.konghq.com" &&
        f.extension_ref->kind == "KongPlugin")
      continue;
    return "httpFilter " + f.type + " unsupported";
  }
  return "";
}

bool HasPrefixRewrite(const std::vector<kube::HTTPRouteFilter>& filters) {
  return std::any_of(filters.begin(), filters.end(), [](const auto& f) {
    return f.type == "URLRewrite" && f.url_rewrite && f.url_rewrite->path &&
           f.url_rewrite->path->type == "ReplacePrefixMatch";
  });
}

bool HasRedirect(const std::vector<kube::HTTPRouteFilter>& filters) {
  return std::any_of(filters.begin(), filters.end(),
                     [](const auto& f) { return f.type == "RequestRedirect"; });
}

FilterPlugins PluginsForFilters(const std::vector<kube::HTTPRouteFilter>& filters,
                                const kube::HTTPRouteMatch* match, const kong::Tags& tags) {
  FilterPlugins out;
  Transformers transformers;
  for (const auto& f : filters) {
    if (f.type == "RequestHeaderModifier" && f.request_header_modifier) {
      transformers.AddHeaders("request-transformer", *f.request_header_modifier);
    } else if (f.type == "ResponseHeaderModifier" && f.response_header_modifier) {
      transformers.AddHeaders("response-transformer", *f.response_header_modifier);
    } else if (f.type == "URLRewrite" && f.url_rewrite) {
      const auto& rw = *f.url_rewrite;
      if (rw.path && rw.path->type == "ReplaceFullPath") {
        transformers.Set("request-transformer", "replace", "uri", rw.path->replace_full_path.value_or(""));
      } else if (rw.path && rw.path->type == "ReplacePrefixMatch") {
        const std::string uri = rw.path->replace_prefix_match
                                    ? ReplacePrefixUri(PrefixOf(match), *rw.path->replace_prefix_match)
                                    : "/";
        transformers.Set("request-transformer", "replace", "uri", uri);
      }
      if (rw.hostname) {
        transformers.Append("request-transformer", "replace", "headers", "host:" + *rw.hostname);
        transformers.Append("request-transformer", "add", "headers", "host:" + *rw.hostname);
      }
    } else if (f.type == "RequestRedirect" && f.request_redirect) {
      out.plugins.push_back(RedirectPlugin(*f.request_redirect, tags));
    } else if (f.type == "ExtensionRef" && f.extension_ref) {
      out.plugin_refs.push_back(f.extension_ref->name);
    }
  }
  transformers.Into(out.plugins, tags);
  std::stable_sort(out.plugins.begin(), out.plugins.end(),
                   [](const auto& a, const auto& b) { return a.name > b.name; });
  return out;
}

std::vector<std::string> PrefixRewritePaths(const kube::HTTPRouteMatch& match) {
  const std::string prefix = PrefixOf(&match);
  if (prefix.empty()) return {"~/(.*)"};
  return {"~" + prefix + "$", "~" + prefix + "(/.*)"};
}

}  // namespace kic::translate
