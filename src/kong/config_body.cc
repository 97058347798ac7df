#include "kong/config_body.h"

#include <algorithm>
#include <iterator>

#include "common/json_sink.h"

namespace kic::kong {

ConfigBody ConfigBody::Serialize(const Config& config) {
  return FromChunks(ToJsonChunks(config));
}

ConfigBody ConfigBody::Serialize(Config&& config) {
  return FromChunks(ToJsonChunks(std::move(config)));
}

ConfigBody ConfigBody::FromChunks(ChunkedJson json) {
  ConfigBody body;
  body.chunks_ = std::make_shared<const std::vector<std::string>>(std::move(json.chunks));
  const auto& chunks = *body.chunks_;
  body.size_ = json.size;
  // Bytes [begin, end) as pieces, one per chunk they touch.
  constexpr size_t kChunk = ChunkedOutput::kChunkSize;
  const auto add_part = [&](size_t begin, size_t end) {
    body.part_starts_.push_back(static_cast<uint32_t>(body.pieces_.size()));
    for (size_t at = begin; at < end;) {
      const size_t offset = at % kChunk;
      const size_t length = std::min(end - at, kChunk - offset);
      body.pieces_.push_back(std::string_view(chunks[at / kChunk]).substr(offset, length));
      at += length;
    }
  };
  const auto& sections = json.target_sections;
  body.pieces_.reserve(2 * sections.size() + 1 + chunks.size());
  body.part_starts_.reserve(2 * sections.size() + 2);
  size_t gap_begin = 0;
  for (const auto& section : sections) {
    add_part(gap_begin, section.offset);
    add_part(section.offset, section.offset + section.size);
    gap_begin = section.offset + section.size;
  }
  add_part(gap_begin, body.size_);
  body.part_starts_.push_back(static_cast<uint32_t>(body.pieces_.size()));
  body.part_digests_.reserve(body.part_starts_.size() - 1);
  for (size_t part = 0; part + 1 < body.part_starts_.size(); ++part)
    body.part_digests_.push_back(Sha256(body.PiecesOfPart(part)));
  body.Combine();
  return body;
}

std::span<const std::string_view> ConfigBody::PiecesOfPart(size_t part) const {
  return std::span<const std::string_view>(pieces_).subspan(part_starts_[part],
                                                            part_starts_[part + 1] - part_starts_[part]);
}

std::string ConfigBody::Text() const {
  std::string text;
  text.reserve(size_);
  for (const auto piece : pieces_) text.append(piece);
  return text;
}

std::string ConfigBody::TargetsSection(size_t index) const {
  std::string section;
  for (const auto piece : PiecesOfPart(2 * index + 1)) section.append(piece);
  return section;
}

void ConfigBody::Combine() {
  const std::string_view digests(reinterpret_cast<const char*>(part_digests_.data()),
                                 part_digests_.size() * sizeof(Sha256Digest));
  digest_ = Sha256Hex(digests);
}

std::optional<ConfigBody> ConfigBody::WithTargetsSections(
    std::vector<std::pair<size_t, std::string>> changes) const {
  std::erase_if(changes,
                [this](const auto& change) { return TargetsSection(change.first) == change.second; });
  if (changes.empty()) return std::nullopt;
  std::stable_sort(changes.begin(), changes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ConfigBody next;
  next.chunks_ = chunks_;
  next.replaced_ = replaced_;
  if (next.replaced_.empty()) next.replaced_.resize(upstream_count());
  next.part_digests_ = part_digests_;
  next.size_ = size_;
  next.pieces_.reserve(pieces_.size() + changes.size());
  next.part_starts_.reserve(part_starts_.size());
  auto change = changes.begin();
  for (size_t part = 0; part + 1 < part_starts_.size(); ++part) {
    next.part_starts_.push_back(static_cast<uint32_t>(next.pieces_.size()));
    const bool replaced = part % 2 == 1 && change != changes.end() && change->first == (part - 1) / 2;
    if (!replaced) {
      const auto pieces = PiecesOfPart(part);
      next.pieces_.insert(next.pieces_.end(), pieces.begin(), pieces.end());
      continue;
    }
    const size_t index = change->first;
    // Two changes of one upstream: the last one wins, as it would have if applied one by one.
    auto last = change;
    while (std::next(last) != changes.end() && std::next(last)->first == index) ++last;
    change = std::next(last);
    for (const auto piece : PiecesOfPart(part)) next.size_ -= piece.size();
    auto text = std::make_shared<const std::string>(std::move(last->second));
    next.size_ += text->size();
    if (!text->empty()) next.pieces_.push_back(*text);
    next.part_digests_[part] = Sha256(*text);
    next.replaced_[index] = std::move(text);  // the section it replaces goes when no body uses it
  }
  next.part_starts_.push_back(static_cast<uint32_t>(next.pieces_.size()));
  next.Combine();
  return next;
}

}  // namespace kic::kong
