#include "translate/ingress_expressions.h"

#include <algorithm>

#include "common/strings.h"
#include "translate/annotations.h"
#include "translate/atc.h"
#include "translate/ingress_paths.h"

namespace kic::translate {
namespace {

constexpr uint64_t kIngressKind = 3;
constexpr uint64_t kMaxPathLength = 65535;
constexpr uint64_t kMaxHeaders = 255;

struct PathMatch {
  std::string matcher;
  bool regex_or_typed = false;  // the R bit
  uint64_t length = 0;
};

PathMatch MatchPath(const SourcePath& p, std::string_view regex_prefix) {
  PathMatch m;
  if (p.type == "Prefix") {
    const auto base = TrimChars(p.path, "/");
    m.regex_or_typed = true;
    if (base.empty()) {
      m.matcher = atc::Predicate("http.path", "^=", "/");
      m.length = 1;
    } else {
      m.matcher = atc::Or({atc::Predicate("http.path", "==", "/" + std::string(base)),
                           atc::Predicate("http.path", "^=", "/" + std::string(base) + "/")});
      m.length = base.size() + 2;
    }
  } else if (p.type == "Exact") {
    const auto rest = TrimLeftChars(p.path, "/");
    m.regex_or_typed = true;
    m.matcher = atc::Predicate("http.path", "==", "/" + std::string(rest));
    m.length = 1 + rest.size();
  } else if (!regex_prefix.empty() && p.path.rfind(regex_prefix, 0) == 0) {
    std::string rx = p.path.substr(regex_prefix.size());
    m.length = rx.size();
    if (rx.empty()) rx = "/";
    if (rx[0] != '^') rx = "^" + rx;
    m.regex_or_typed = true;
    m.matcher = atc::Predicate("http.path", "~", rx);
  } else {
    m.matcher = atc::Predicate("http.path", "^=", p.path);
    m.length = p.path.size();
  }
  return m;
}

std::vector<std::string> CommaList(const std::string* value) {
  std::vector<std::string> out;
  if (!value || value->empty()) return out;
  for (const auto& piece : Split(*value, ",")) out.emplace_back(TrimSpace(piece));
  return out;
}

}  // namespace

void ApplyIngressExpression(RouteDraft& draft) {
  kong::Route& r = draft.route;
  r.hosts.reset();
  r.paths.reset();
  r.regex_priority.reset();
  r.path_handling.reset();
  r.headers.clear();
  r.methods.reset();
  r.snis.reset();
  if (draft.default_backend) {
    r.expression = atc::Predicate("http.path", "^=", "/");
    r.priority = 0;
    return;
  }
  const auto& annotations = draft.source.meta->annotations;
  const std::string regex_prefix = [&] {
    const auto custom = annotations.Get("konghq.com/regex-prefix");
    return custom.empty() ? std::string(kDefaultRegexPrefix) : std::string(custom);
  }();

  std::vector<std::string> hosts;
  if (!draft.host.empty()) hosts.push_back(draft.host);
  for (const auto& alias : CommaList(annotations.Find("konghq.com/host-aliases")))
    if (!alias.empty()) hosts.push_back(alias);

  std::vector<std::string> path_matchers;
  bool regex_or_typed = false;
  uint64_t path_length = 0;
  for (const auto& p : draft.source_paths) {
    PathMatch m = MatchPath(p, regex_prefix);
    path_matchers.push_back(std::move(m.matcher));
    regex_or_typed = regex_or_typed || m.regex_or_typed;
    path_length = std::max(path_length, m.length);
  }

  // Header annotations sorted by raw name (std::map order), then normalised.
  const auto headers = ExtractHeaderAnnotations(*draft.source.meta);
  std::vector<std::string> header_matchers;
  for (const auto& [name, values] : headers) {
    if (EqualFold(name, "host")) continue;
    std::vector<std::string> preds;
    for (const auto& v : values) {
      if (v.rfind("~*", 0) == 0)
        preds.push_back(atc::Predicate(atc::HeaderField(name), "~", v.substr(2)));
      else
        preds.push_back(atc::Predicate(atc::HeaderField(name), "==", v));
    }
    header_matchers.push_back(atc::Or(preds));
  }

  std::vector<std::string> methods;
  for (const auto& m : CommaList(annotations.Find("konghq.com/methods"))) methods.push_back(ToUpper(m));
  std::vector<std::string> snis;
  for (const auto& s : CommaList(annotations.Find("konghq.com/snis")))
    if (!s.empty()) snis.push_back(s);

  r.expression = atc::And({atc::HostsMatcher(hosts), atc::Or(path_matchers), atc::And(header_matchers),
                           atc::MethodsMatcher(methods), atc::SnisMatcher(snis)});

  const uint64_t match_fields = 1 + (hosts.empty() ? 0 : 1) + (headers.empty() ? 0 : 1) +
                                (methods.empty() ? 0 : 1) + (snis.empty() ? 0 : 1);
  const bool plain_hosts = !hosts.empty() && std::none_of(hosts.begin(), hosts.end(),
                                                          [](const std::string& h) { return h[0] == '*'; });
  const uint64_t header_count = std::min<uint64_t>(headers.size(), kMaxHeaders);
  r.priority = (kIngressKind << 44) | (match_fields << 41) | (header_count << 33) |
               (static_cast<uint64_t>(plain_hosts) << 32) | (static_cast<uint64_t>(regex_or_typed) << 16) |
               std::min(path_length, kMaxPathLength);
}

}  // namespace kic::translate
