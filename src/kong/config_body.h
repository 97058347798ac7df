#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "kong/config.h"
#include "kong/serialize.h"

namespace kic::kong {

// A serialized configuration (the JSON body of POST /config) that knows where each upstream's
// targets are written, so that an EndpointSlice change rewrites a few hundred bytes and re-hashes
// them instead of serializing and hashing megabytes again.
//
// The body is cut into pieces: the text before the first targets section, each upstream's
// targets section, the text between sections, ..., the text after the last one. The digest is
// SHA-256 over the pieces' SHA-256s: the same bytes cut at the same places (which the
// serializer decides, not the path that built them) always get the same digest, and replacing a
// section re-hashes only that section.
class ConfigBody {
 public:
  ConfigBody() = default;
  static ConfigBody Serialize(const Config& config, size_t expected_size = 0);

  // The text is shared and immutable: payloads and diagnostics keep it without copies.
  const std::shared_ptr<const std::string>& text() const { return text_; }
  const std::string& digest() const { return digest_; }
  size_t upstream_count() const { return sections_.size(); }
  // Upstream `index`'s targets section as written (see TargetsSectionJson).
  std::string_view TargetsSection(size_t index) const;

  // A body whose upstreams' targets sections are replaced (index, new section text); nullopt when
  // every replacement equals what is there. Indexes must be below upstream_count().
  std::optional<ConfigBody> WithTargetsSections(std::vector<std::pair<size_t, std::string>> changes) const;

 private:
  void HashAll();
  void Combine();

  std::shared_ptr<const std::string> text_ = std::make_shared<const std::string>();
  std::vector<ByteSpan> sections_;  // per upstream, in order
  // Pieces alternate: gap 0, section 0, gap 1, section 1, ..., gap n.
  std::vector<Sha256Digest> piece_digests_;
  std::string digest_;
};

}  // namespace kic::kong
