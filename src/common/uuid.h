#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kic {

// A 128-bit UUID. Only name-based (v5) generation is needed: every ID the controller emits is
// derived deterministically from names, so the same cluster always yields the same Kong IDs.
class Uuid {
 public:
  static Uuid Parse(std::string_view text);  // throws std::invalid_argument
  // RFC 4122 version 5 (SHA-1) UUID of `name` within `ns`.
  static Uuid V5(const Uuid& ns, std::string_view name);

  std::string ToString() const;
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }

 private:
  std::array<uint8_t, 16> bytes_{};
};

}  // namespace kic
