#include "translate/atc.h"

#include "translate/hostnames.h"

namespace kic::translate::atc {
namespace {

std::string Join(const std::vector<std::string>& children, std::string_view op) {
  std::vector<const std::string*> kept;
  for (const auto& c : children)
    if (!c.empty()) kept.push_back(&c);
  if (kept.empty()) return "";
  if (kept.size() == 1) return *kept[0];
  std::string out;
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i) out += op;
    out += '(';
    out += *kept[i];
    out += ')';
  }
  return out;
}

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool IsUpperWord(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

}  // namespace

std::string And(const std::vector<std::string>& children) {
  return Join(children, " && ");
}
std::string Or(const std::vector<std::string>& children) {
  return Join(children, " || ");
}

std::string Predicate(std::string_view field, std::string_view op, std::string_view literal) {
  std::string out(field);
  out += ' ';
  out += op;
  out += " \"";
  out += Escape(literal);
  out += '"';
  return out;
}

std::string IntPredicate(std::string_view field, std::string_view op, int64_t value) {
  return std::string(field) + " " + std::string(op) + " " + std::to_string(value);
}

std::string HeaderField(std::string_view header_name) {
  std::string out = "http.headers.";
  for (char c : header_name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-') c = '_';
    out += c;
  }
  return out;
}

std::string HostsMatcher(const std::vector<std::string>& hosts) {
  std::vector<std::string> preds;
  for (const auto& h : hosts) {
    if (!IsExpressionHost(h)) continue;
    if (h[0] == '*')
      preds.push_back(Predicate("http.host", "=^", std::string_view(h).substr(1)));
    else
      preds.push_back(Predicate("http.host", "==", h));
  }
  return Or(preds);
}

std::string SnisMatcher(const std::vector<std::string>& snis) {
  std::vector<std::string> preds;
  for (const auto& s : snis)
    if (s.find('*') == std::string::npos && IsExpressionHost(s))
      preds.push_back(Predicate("tls.sni", "==", s));
  return Or(preds);
}

std::string MethodsMatcher(const std::vector<std::string>& methods) {
  std::vector<std::string> preds;
  for (const auto& m : methods)
    if (IsUpperWord(m)) preds.push_back(Predicate("http.method", "==", m));
  return Or(preds);
}

}  // namespace kic::translate::atc
