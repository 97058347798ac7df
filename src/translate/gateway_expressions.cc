#include "translate/gateway_expressions.h"

#include <algorithm>
#include <map>

#include "translate/atc.h"

namespace kic::translate {
namespace {

constexpr uint64_t kHttpRouteKind = 2;
constexpr uint64_t kGrpcRouteKind = 1;

std::vector<const kube::HTTPValueMatch*> SortedByName(const std::vector<kube::HTTPValueMatch>& matches) {
  std::vector<const kube::HTTPValueMatch*> out;
  for (const auto& m : matches) out.push_back(&m);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->name < b->name; });
  return out;
}

std::string ValueMatcher(const std::string& field, const kube::HTTPValueMatch& m) {
  if (m.type.value_or("Exact") == "RegularExpression") return atc::Predicate(field, "~", m.value);
  return atc::Predicate(field, "==", m.value);
}

std::string HeadersMatcher(const std::vector<kube::HTTPValueMatch>& headers) {
  std::vector<std::string> parts;
  for (const auto* h : SortedByName(headers)) parts.push_back(ValueMatcher(atc::HeaderField(h->name), *h));
  return atc::And(parts);
}

std::string PathMatcher(const kube::HTTPPathMatch& path, bool prefix_rewrite) {
  const std::string type = path.type.value_or("PathPrefix");
  const std::string value = path.value.value_or("");
  if (type == "Exact") return atc::Predicate("http.path", "==", value);
  if (type == "RegularExpression") {
    return atc::Predicate("http.path", "~", !value.empty() && value[0] == '^' ? value : "^" + value);
  }
  // PathPrefix: one trailing slash dropped; "" and "/" are the root.
  std::string v = value;
  if (v.size() > 1 && v.back() == '/') v.pop_back();
  const bool root = v.empty() || v == "/";
  if (prefix_rewrite) {
    if (root)
      return atc::Or({atc::Predicate("http.path", "==", "/"), atc::Predicate("http.path", "~", "^/(.*)")});
    return atc::Or(
        {atc::Predicate("http.path", "==", v), atc::Predicate("http.path", "~", "^" + v + "(/.*)")});
  }
  if (root) return atc::Predicate("http.path", "^=", "/");
  return atc::Or({atc::Predicate("http.path", "==", v), atc::Predicate("http.path", "^=", v + "/")});
}

// Kong adds the protocol itself unless the expression is empty; KIC's catch-all names both.
std::string OrCatchAll(std::string expression) {
  if (!expression.empty()) return expression;
  return atc::Or(
      {atc::Predicate("net.protocol", "==", "http"), atc::Predicate("net.protocol", "==", "https")});
}

bool IsPlainHost(const std::string& host) {
  return !host.empty() && host[0] != '*';
}

}  // namespace

MatchExpression HttpRouteMatchExpression(const std::string& host, const std::vector<std::string>& snis,
                                         const kube::HTTPRouteMatch& match, bool prefix_rewrite) {
  std::vector<std::string> queries;
  for (const auto* q : SortedByName(match.query_params))
    queries.push_back(ValueMatcher("http.queries." + q->name, *q));
  const std::string match_part =
      atc::And({match.path ? PathMatcher(*match.path, prefix_rewrite) : "", HeadersMatcher(match.headers),
                atc::And(queries), match.method ? atc::MethodsMatcher({*match.method}) : ""});
  const std::string host_part = host.empty() ? "" : atc::HostsMatcher({host});
  MatchExpression out;
  out.expression = OrCatchAll(atc::And({host_part, atc::SnisMatcher(snis), match_part}));

  uint64_t p = kHttpRouteKind << 44;
  if (IsPlainHost(host)) p |= uint64_t{1} << 43;
  p |= static_cast<uint64_t>(host.size() & 0xFF) << 35;
  if (match.path) {
    const std::string type = match.path->type.value_or("PathPrefix");
    if (type == "Exact") p |= uint64_t{1} << 34;
    if (type == "RegularExpression") p |= uint64_t{1} << 33;
    const size_t len = match.path->value.value_or("").size();
    if (len > 0) p |= static_cast<uint64_t>((len - 1) & 0x3FF) << 23;
  }
  if (match.method) p |= uint64_t{1} << 22;
  p |= static_cast<uint64_t>(match.headers.size() & 0x1F) << 17;
  p |= static_cast<uint64_t>(match.query_params.size() & 0x1F) << 12;
  out.priority = p;
  return out;
}

MatchExpression GrpcRouteMatchExpression(const std::string& host, const std::vector<std::string>& snis,
                                         const kube::GRPCRouteMatch& match) {
  std::string method_part;
  std::string service, method;
  if (match.method) {
    service = match.method->service.value_or("");
    method = match.method->method.value_or("");
    const bool regex = match.method->type.value_or("Exact") == "RegularExpression";
    if (service.empty() && method.empty()) {
      method_part = atc::Predicate("http.path", "^=", "/");
    } else if (regex) {
      method_part =
          atc::Predicate("http.path", "~",
                         "^/" + (service.empty() ? ".+" : service) + "/" + (method.empty() ? ".+" : method));
    } else if (method.empty()) {
      method_part = atc::Predicate("http.path", "^=", "/" + service + "/");
    } else if (service.empty()) {
      method_part = atc::Predicate("http.path", "=^", "/" + method);
    } else {
      method_part = atc::Predicate("http.path", "==", "/" + service + "/" + method);
    }
  }
  const std::string host_part = host.empty() ? "" : atc::HostsMatcher({host});
  MatchExpression out;
  out.expression =
      OrCatchAll(atc::And({method_part, HeadersMatcher(match.headers), host_part, atc::SnisMatcher(snis)}));
  uint64_t p = kGrpcRouteKind << 44;
  if (IsPlainHost(host)) p |= uint64_t{1} << 43;
  p |= static_cast<uint64_t>(host.size() & 0xFF) << 35;
  p |= static_cast<uint64_t>(service.size() & 0x7FF) << 24;
  p |= static_cast<uint64_t>(method.size() & 0x7FF) << 13;
  p |= static_cast<uint64_t>(match.headers.size() & 0x1F) << 8;
  out.priority = p;
  return out;
}

void AssignRelativeOrder(std::vector<PriorityCandidate>& candidates, uint64_t max) {
  std::map<uint64_t, std::vector<PriorityCandidate*>> buckets;
  for (auto& c : candidates) buckets[c.base].push_back(&c);
  for (auto& [base, bucket] : buckets) {
    std::stable_sort(bucket.begin(), bucket.end(),
                     [](const PriorityCandidate* a, const PriorityCandidate* b) {
                       if (a->created != b->created) return a->created < b->created;
                       if (a->ns != b->ns) return a->ns < b->ns;
                       if (a->name != b->name) return a->name < b->name;
                       if (a->rule != b->rule) return a->rule < b->rule;
                       if (a->match != b->match) return a->match < b->match;
                       return a->host_index > b->host_index;
                     });
    uint64_t order = max;
    for (auto* c : bucket) {
      *c->out = base + order;
      if (order > 0) --order;
    }
  }
}

}  // namespace kic::translate
