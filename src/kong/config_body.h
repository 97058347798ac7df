#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
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
// The body is a sequence of parts: the text before the first upstream's targets section, that
// section, the text up to the next section, ..., the text after the last one. The bytes live in
// immutable shared strings (the serialized text, in chunks, and each replaced section), so a
// patched body shares all the rest with the one it came from. What is sent is the list of pieces:
// views of those strings, in order, each part cut where the chunks end (HttpExchange sends them).
// The digest is SHA-256 over the parts' SHA-256s: the same bytes cut into the same parts (which the
// serializer decides, not the path that built them) always get the same digest.
class ConfigBody {
 public:
  ConfigBody() = default;
  static ConfigBody Serialize(const Config& config);
  // The same, freeing `config` as it is written.
  static ConfigBody Serialize(Config&& config);

  // Consecutive; valid as long as this body or a copy of it lives.
  const std::vector<std::string_view>& pieces() const { return pieces_; }
  size_t size() const { return size_; }
  std::string Text() const;  // all pieces in one string
  const std::string& digest() const { return digest_; }
  size_t upstream_count() const { return part_digests_.empty() ? 0 : (part_digests_.size() - 1) / 2; }
  // Upstream `index`'s targets section as written (see TargetsSectionJson).
  std::string TargetsSection(size_t index) const;

  // A body whose upstreams' targets sections are replaced (index, new section text); nullopt when
  // every replacement equals what is there. Indexes must be below upstream_count().
  std::optional<ConfigBody> WithTargetsSections(std::vector<std::pair<size_t, std::string>> changes) const;

 private:
  static ConfigBody FromChunks(ChunkedJson json);
  std::span<const std::string_view> PiecesOfPart(size_t part) const;
  void Combine();

  std::shared_ptr<const std::vector<std::string>> chunks_;  // the serialized configuration
  // Per upstream, its section's own text once replaced (null while the section is in chunks_).
  std::vector<std::shared_ptr<const std::string>> replaced_;
  std::vector<std::string_view> pieces_;
  // Part k (gap 0, section 0, gap 1, ..., section n-1, gap n) is pieces_[part_starts_[k]] up to
  // pieces_[part_starts_[k + 1]]; one entry more than there are parts.
  std::vector<uint32_t> part_starts_;
  std::vector<Sha256Digest> part_digests_;
  size_t size_ = 0;
  std::string digest_;
};

}  // namespace kic::kong
