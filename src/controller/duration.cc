#include "controller/duration.h"

#include <cmath>
#include <cstdlib>

namespace kic::controller {
namespace {

// Nanoseconds per unit, longest unit names first so that "ms" is not read as "m".
struct Unit {
  std::string_view name;
  double nanos;
};
constexpr Unit kUnits[] = {{"ns", 1},   {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"\xCE\xBCs", 1e3},
                           {"ms", 1e6}, {"s", 1e9},  {"m", 60e9},        {"h", 3600e9}};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::chrono::milliseconds> ParseGoDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return std::chrono::milliseconds(0);
  if (text.empty()) return std::nullopt;
  double total_nanos = 0;
  while (!text.empty()) {
    size_t i = 0;
    while (i < text.size() && (IsDigit(text[i]) || text[i] == '.')) ++i;
    const std::string number(text.substr(0, i));
    if (number.empty() || number == "." || number.find('.') != number.rfind('.')) return std::nullopt;
    text.remove_prefix(i);
    const Unit* unit = nullptr;
    for (const auto& u : kUnits) {
      // The longest matching unit name wins ("ms" over "m").
      if (text.substr(0, u.name.size()) == u.name && (unit == nullptr || u.name.size() > unit->name.size()))
        unit = &u;
    }
    if (unit == nullptr) return std::nullopt;
    text.remove_prefix(unit->name.size());
    total_nanos += std::stod(number) * unit->nanos;
  }
  if (total_nanos > 9.2e18) return std::nullopt;  // Go: "invalid duration" (overflow)
  const auto millis = static_cast<long long>(total_nanos / 1e6);
  return std::chrono::milliseconds(negative ? -millis : millis);
}

std::string FormatGoDuration(std::chrono::milliseconds d) {
  long long ms = d.count();
  if (ms == 0) return "0s";
  std::string out = ms < 0 ? "-" : "";
  ms = std::llabs(ms);
  if (ms < 1000) return out + std::to_string(ms) + "ms";
  const long long hours = ms / 3600000;
  const long long minutes = ms / 60000 % 60;
  const long long seconds = ms / 1000 % 60;
  const long long fraction = ms % 1000;
  if (hours) out += std::to_string(hours) + "h";
  if (hours || minutes) out += std::to_string(minutes) + "m";
  out += std::to_string(seconds);
  if (fraction) {
    std::string f = std::to_string(fraction + 1000).substr(1);
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out + "s";
}

std::chrono::milliseconds SecondsToMillis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

}  // namespace kic::controller
