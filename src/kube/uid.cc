#include "kube/uid.h"

namespace kic::kube {
namespace {

constexpr std::string_view kHex = "0123456789abcdef";
// Where the dashes of "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" are.
constexpr std::array<size_t, 4> kDashes = {8, 13, 18, 23};
constexpr size_t kUuidLength = 36;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // uppercase too: it would not print back the same
}

bool IsDash(size_t at) {
  for (const size_t dash : kDashes)
    if (at == dash) return true;
  return false;
}

}  // namespace

Uid::Uid(std::string_view text) {
  if (text.empty()) return;
  if (text.size() == kUuidLength) {
    std::array<uint8_t, 16> bytes{};
    size_t byte = 0;
    bool canonical = true;
    for (size_t at = 0; at < kUuidLength && canonical;) {
      if (IsDash(at)) {
        canonical = text[at] == '-';
        ++at;
        continue;
      }
      const int high = HexValue(text[at]);
      const int low = HexValue(text[at + 1]);
      canonical = high >= 0 && low >= 0;
      bytes[byte++] = static_cast<uint8_t>(high * 16 + low);
      at += 2;
    }
    if (canonical) {
      bytes_ = bytes;
      uuid_ = true;
      return;
    }
  }
  text_ = std::string(text);
}

std::string Uid::str() const {
  if (text_) return *text_;
  if (!uuid_) return "";
  std::string out;
  out.reserve(kUuidLength);
  for (size_t byte = 0; byte < bytes_.size(); ++byte) {
    if (IsDash(out.size())) out += '-';
    out += kHex[bytes_[byte] >> 4];
    out += kHex[bytes_[byte] & 0xF];
  }
  return out;
}

}  // namespace kic::kube
