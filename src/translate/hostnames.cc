#include "translate/hostnames.h"

#include <vector>

#include "common/strings.h"

namespace kic::translate {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// label = [A-Za-z0-9]+(-[A-Za-z0-9]+)*
bool IsStrictLabel(std::string_view label) {
  if (label.empty() || label.front() == '-' || label.back() == '-') return false;
  char prev = 0;
  for (char c : label) {
    if (c == '-') {
      if (prev == '-') return false;
    } else if (!IsAlnum(c)) {
      return false;
    }
    prev = c;
  }
  return true;
}

// RFC 1123 label: alnum and '-', not starting or ending with '-', at most 63 characters.
bool IsDnsLabel(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char c : label)
    if (!IsAlnum(c) && c != '-') return false;
  return true;
}

std::vector<std::string_view> Labels(std::string_view host) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const auto dot = host.find('.', start);
    out.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

}  // namespace

bool IsValidRouteHost(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  const auto labels = Labels(host);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == "*") {
      if (labels.size() < 2 || (i != 0 && i != labels.size() - 1)) return false;
      continue;
    }
    if (!IsDnsLabel(labels[i])) return false;
  }
  size_t stars = 0;
  for (char c : host) stars += c == '*';
  return stars <= 1;
}

bool IsValidSni(std::string_view sni) {
  if (sni.empty() || sni.size() > 253) return false;
  bool all_numeric = true;
  for (const auto label : Labels(sni)) {
    if (!IsDnsLabel(label)) return false;
    for (char c : label)
      if (c < '0' || c > '9') all_numeric = false;
  }
  return !all_numeric;
}

bool IsExpressionHost(std::string_view host) {
  auto labels = Labels(host);
  size_t first = 0, last = labels.size();
  if (labels.size() >= 2 && labels.front() == "*") first = 1;
  if (last - first >= 2 && labels.back() == "*") last -= 1;
  if (first >= last) return false;
  for (size_t i = first; i < last; ++i)
    if (!IsStrictLabel(labels[i])) return false;
  return true;
}

}  // namespace kic::translate
