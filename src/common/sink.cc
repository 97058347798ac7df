#include "common/sink.h"

#include <algorithm>
#include <vector>

namespace kic {
namespace {

bool IsLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}
bool IsDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

bool NaturalLess(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const auto ac = static_cast<unsigned char>(a[i]);
    const auto bc = static_cast<unsigned char>(b[i]);
    if (ac == bc) continue;
    const bool al = IsLetter(ac), bl = IsLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    int64_t an = 0, bn = 0;
    if (ac == '0' || bc == '0') {
      for (size_t j = i; j-- > 0 && IsDigit(static_cast<unsigned char>(a[j]));) {
        if (a[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    size_t ai = i, bi = i;
    for (; ai < a.size() && IsDigit(static_cast<unsigned char>(a[ai])); ++ai) an = an * 10 + (a[ai] - '0');
    for (; bi < b.size() && IsDigit(static_cast<unsigned char>(b[bi])); ++bi) bn = bn * 10 + (b[bi] - '0');
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return ac < bc;
  }
  return a.size() < b.size();
}

void WriteJson(const nlohmann::json& value, Sink& sink) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      std::vector<const std::string*> keys;
      keys.reserve(value.size());
      for (auto it = value.begin(); it != value.end(); ++it) keys.push_back(&it.key());
      std::sort(keys.begin(), keys.end(),
                [](const std::string* x, const std::string* y) { return NaturalLess(*x, *y); });
      sink.BeginMap();
      for (const auto* k : keys) {
        sink.Key(*k);
        WriteJson(value.at(*k), sink);
      }
      sink.EndMap();
      return;
    }
    case nlohmann::json::value_t::array:
      sink.BeginSeq();
      for (const auto& item : value) WriteJson(item, sink);
      sink.EndSeq();
      return;
    case nlohmann::json::value_t::string:
      sink.String(value.get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::boolean:
      sink.Bool(value.get<bool>());
      return;
    case nlohmann::json::value_t::number_integer:
      sink.Int(value.get<int64_t>());
      return;
    case nlohmann::json::value_t::number_unsigned:
      sink.Uint(value.get<uint64_t>());
      return;
    case nlohmann::json::value_t::number_float:
      sink.Double(value.get<double>());
      return;
    default:
      sink.Null();
      return;
  }
}

}  // namespace kic
