#include "translate/gateway_duration.h"

namespace kic::translate {

std::optional<int64_t> ParseGatewayDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int64_t n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + (text[i] - '0');
      if (n > 1'000'000'000) return std::nullopt;
      ++i;
    }
    const std::string_view rest = text.substr(i);
    if (rest.rfind("ms", 0) == 0) {
      total += n;
      i += 2;
    } else if (!rest.empty() && rest[0] == 'h') {
      total += n * 3'600'000;
      ++i;
    } else if (!rest.empty() && rest[0] == 'm') {
      total += n * 60'000;
      ++i;
    } else if (!rest.empty() && rest[0] == 's') {
      total += n * 1000;
      ++i;
    } else {
      return std::nullopt;
    }
  }
  return total;
}

}  // namespace kic::translate
