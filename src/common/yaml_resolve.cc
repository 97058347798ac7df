#include "common/yaml_resolve.h"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <regex>
#include <string>

namespace kic::yaml {
namespace {

constexpr std::array<std::string_view, 16> kTrue = {"y",    "Y",    "yes", "Yes", "YES", "true",
                                                    "True", "TRUE", "on",  "On",  "ON"};
constexpr std::array<std::string_view, 16> kFalse = {"n",     "N",     "no",  "No",  "NO", "false",
                                                     "False", "FALSE", "off", "Off", "OFF"};

bool In(std::string_view s, const std::array<std::string_view, 16>& set) {
  for (auto v : set)
    if (!v.empty() && v == s) return true;
  return false;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Go's strconv.ParseInt(s, 0, 64) / ParseUint: optional sign, then 0x / 0o / 0b / 0 (octal) or decimal.
bool ParsesAsGoInt(std::string_view s, bool allow_sign) {
  if (s.empty()) return false;
  size_t i = 0;
  if (allow_sign && (s[0] == '+' || s[0] == '-')) i = 1;
  if (i >= s.size()) return false;
  int base = 10;
  if (s[i] == '0' && i + 1 < s.size()) {
    const char p = s[i + 1];
    if (p == 'x' || p == 'X') {
      base = 16;
      i += 2;
    } else if (p == 'o' || p == 'O') {
      base = 8;
      i += 2;
    } else if (p == 'b' || p == 'B') {
      base = 2;
      i += 2;
    } else {
      base = 8;
      i += 1;
    }
  }
  if (i >= s.size()) return false;
  unsigned __int128 value = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    int d;
    if (IsDigit(c))
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return false;
    if (d >= base) return false;
    value = value * base + d;
    if (value > static_cast<unsigned __int128>(UINT64_MAX)) return false;
  }
  if (allow_sign) {
    const bool neg = s[0] == '-';
    if (neg) return value <= static_cast<unsigned __int128>(INT64_MAX) + 1;
    return value <= static_cast<unsigned __int128>(INT64_MAX);
  }
  return true;
}

bool ParsesAsGoBinary(std::string_view s) {
  if (s.empty()) return false;
  unsigned __int128 value = 0;
  for (char c : s) {
    if (c != '0' && c != '1') return false;
    value = value * 2 + (c - '0');
    if (value > static_cast<unsigned __int128>(INT64_MAX) + 1) return false;
  }
  return true;
}

// yaml.v2: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ and then a finite strconv.ParseFloat.
bool IsYamlStyleFloat(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i >= s.size()) return false;
  if (s[i] == '.') {
    ++i;
    size_t digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
    if (!digits) return false;
  } else {
    size_t digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
    if (!digits) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && IsDigit(s[i])) ++i;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
    if (!digits) return false;
  }
  return i == s.size();
}

bool FiniteFloat(std::string_view s) {
  std::string copy(s);
  errno = 0;
  char* end = nullptr;
  std::strtod(copy.c_str(), &end);
  return errno != ERANGE && end == copy.c_str() + copy.size();
}

// Go's time.Parse with yaml.v2's layouts: "2006-1-2T15:4:5.999999999Z07:00", the same with 't',
// "2006-1-2 15:4:5.999999999" and "2006-1-2". Only reached when the text starts with 4 digits and '-'.
bool IsTimestamp(std::string_view s) {
  static const std::regex kDate(R"(^\d{4}-\d{1,2}-\d{1,2}$)");
  static const std::regex kDateTime(
      R"(^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
  static const std::regex kSpaced(R"(^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?$)");
  if (s.size() < 5 || !IsDigit(s[0]) || !IsDigit(s[1]) || !IsDigit(s[2]) || !IsDigit(s[3]) || s[4] != '-')
    return false;
  const std::string str(s);
  return std::regex_match(str, kDate) || std::regex_match(str, kDateTime) || std::regex_match(str, kSpaced);
}

}  // namespace

bool PlainBoolValue(std::string_view text) {
  return In(text, kTrue);
}

bool IsBase60Float(std::string_view s) {
  // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
  static const std::regex kBase60(R"(^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$)");
  if (s.find(':') == std::string_view::npos) return false;
  return std::regex_match(std::string(s), kBase60);
}

ScalarType ResolvePlain(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return ScalarType::kNull;
  const char c = s[0];
  const bool digit_or_sign = IsDigit(c) || c == '+' || c == '-';
  if (!digit_or_sign && c != '.') {
    if (In(s, kTrue) || In(s, kFalse)) return ScalarType::kBool;
    if (s == "<<") return ScalarType::kMerge;
    return ScalarType::kString;
  }
  if (c == '.') {
    if (s == ".nan" || s == ".NaN" || s == ".NAN" || s == ".inf" || s == ".Inf" || s == ".INF")
      return ScalarType::kFloat;
    // yaml.v2 falls back to strconv.ParseFloat here, which accepts ".5", ".5e3".
    if (IsYamlStyleFloat(s) && FiniteFloat(s)) return ScalarType::kFloat;
    return ScalarType::kString;
  }
  if (s == "+.inf" || s == "+.Inf" || s == "+.INF" || s == "-.inf" || s == "-.Inf" || s == "-.INF")
    return ScalarType::kFloat;
  if (IsTimestamp(s)) return ScalarType::kTimestamp;
  std::string plain;
  plain.reserve(s.size());
  for (char ch : s)
    if (ch != '_') plain.push_back(ch);
  if (ParsesAsGoInt(plain, true) || ParsesAsGoInt(plain, false)) return ScalarType::kInt;
  if (IsYamlStyleFloat(plain) && FiniteFloat(plain)) return ScalarType::kFloat;
  if (plain.rfind("0b", 0) == 0 && ParsesAsGoBinary(std::string_view(plain).substr(2)))
    return ScalarType::kInt;
  if (plain.rfind("-0b", 0) == 0 && ParsesAsGoBinary(std::string_view(plain).substr(3)))
    return ScalarType::kInt;
  return ScalarType::kString;
}

}  // namespace kic::yaml
