#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "kong/config.h"
#include "kong/serialize.h"

namespace kic::kong {

// A serialized configuration (the JSON body of POST /config) that knows where each upstream's
// targets are written, so that an EndpointSlice change costs what changed, at any cluster size:
// no reserializing, no copying and no re-hashing of megabytes.
//
// The body is a sequence of pieces: the text before the first upstream's targets section, that
// section, the text up to the next section, ..., the text after the last one. Pieces are views into
// immutable shared strings (the serialized text, and each replaced section), so a patched body
// shares all the rest with the one it came from, and is sent piece by piece (HttpExchange).
// The digest is SHA-256 over the pieces' SHA-256s: the same bytes cut at the same places (which the
// serializer decides, not the path that built them) always get the same digest.
class ConfigBody {
 public:
  ConfigBody() = default;
  static ConfigBody Serialize(const Config& config, size_t expected_size = 0);
  // The same, freeing `config` as it is written.
  static ConfigBody Serialize(Config&& config, size_t expected_size = 0);

  // Consecutive; valid as long as this body or a copy of it lives.
  const std::vector<std::string_view>& pieces() const { return pieces_; }
  size_t size() const { return size_; }
  std::string Text() const;  // all pieces in one string
  const std::string& digest() const { return digest_; }
  size_t upstream_count() const { return pieces_.size() / 2; }
  // Upstream `index`'s targets section as written (see TargetsSectionJson).
  std::string_view TargetsSection(size_t index) const { return pieces_.at(2 * index + 1); }

  // A body whose upstreams' targets sections are replaced (index, new section text); nullopt when
  // every replacement equals what is there. Indexes must be below upstream_count().
  std::optional<ConfigBody> WithTargetsSections(std::vector<std::pair<size_t, std::string>> changes) const;

 private:
  static ConfigBody FromText(std::string text, const std::vector<ByteSpan>& sections);
  void Combine();

  std::shared_ptr<const std::string> text_;  // the serialized configuration
  // Per upstream, its section's own text once replaced (null while the section is in text_).
  std::vector<std::shared_ptr<const std::string>> replaced_;
  std::vector<std::string_view> pieces_;  // gap 0, section 0, gap 1, ..., section n-1, gap n
  std::vector<Sha256Digest> piece_digests_;
  size_t size_ = 0;
  std::string digest_;
};

}  // namespace kic::kong
