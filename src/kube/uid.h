#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "common/boxed_optional.h"

namespace kic::kube {

// An object's metadata.uid. The API server writes RFC 4122 UUIDs in canonical lowercase text; those
// are kept as their 16 bytes (no heap: ~48 bytes less per object than a string, in every object of
// the store). Any other text (hand-written manifests) is kept exactly as written.
class Uid {
 public:
  Uid() = default;
  Uid(std::string_view text);  // NOLINT(google-explicit-constructor): uids are written as text
  Uid(const std::string& text) : Uid(std::string_view(text)) {}  // NOLINT: as above
  Uid(const char* text) : Uid(std::string_view(text)) {}         // NOLINT: as above

  bool empty() const { return !uuid_ && !text_; }
  std::string str() const;

  friend bool operator==(const Uid& a, const Uid& b) {
    return a.uuid_ == b.uuid_ && a.bytes_ == b.bytes_ && a.text_ == b.text_;
  }
  friend std::ostream& operator<<(std::ostream& out, const Uid& uid) { return out << uid.str(); }

 private:
  std::array<uint8_t, 16> bytes_{};
  bool uuid_ = false;
  BoxedOptional<std::string> text_;  // not a canonical UUID
};

}  // namespace kic::kube
