#include "common/uuid.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace kic {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Uuid Uuid::Parse(std::string_view text) {
  Uuid out;
  size_t byte = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-') continue;
    if (byte >= 16 || i + 1 >= text.size()) throw std::invalid_argument("malformed UUID");
    const int hi = HexValue(text[i]);
    const int lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) throw std::invalid_argument("malformed UUID");
    out.bytes_[byte++] = static_cast<uint8_t>(hi << 4 | lo);
    ++i;
  }
  if (byte != 16) throw std::invalid_argument("malformed UUID");
  return out;
}

Uuid Uuid::V5(const Uuid& ns, std::string_view name) {
  // Fetching the digest once avoids OpenSSL 3's locked provider lookup on every call, which
  // dominated translation time (an ID per service, route and consumer).
  static EVP_MD* const kSha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  std::string input;
  input.reserve(ns.bytes_.size() + name.size());
  input.append(reinterpret_cast<const char*>(ns.bytes_.data()), ns.bytes_.size());
  input.append(name);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(input.data(), input.size(), digest, &len, kSha1, nullptr);
  Uuid out;
  for (size_t i = 0; i < 16; ++i) out.bytes_[i] = digest[i];
  out.bytes_[6] = static_cast<uint8_t>((out.bytes_[6] & 0x0f) | 0x50);
  out.bytes_[8] = static_cast<uint8_t>((out.bytes_[8] & 0x3f) | 0x80);
  return out;
}

std::string Uuid::ToString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes_[i] >> 4]);
    out.push_back(kHex[bytes_[i] & 0xf]);
  }
  return out;
}

}  // namespace kic
