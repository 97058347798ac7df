#include "kong/config_body.h"

#include <algorithm>

namespace kic::kong {

ConfigBody ConfigBody::Serialize(const Config& config, size_t expected_size) {
  std::vector<ByteSpan> sections;
  std::string text = ToJson(config, expected_size, &sections);
  return FromText(std::move(text), sections);
}

ConfigBody ConfigBody::Serialize(Config&& config, size_t expected_size) {
  std::vector<ByteSpan> sections;
  std::string text = ToJson(std::move(config), expected_size, &sections);
  return FromText(std::move(text), sections);
}

ConfigBody ConfigBody::FromText(std::string serialized, const std::vector<ByteSpan>& sections) {
  ConfigBody body;
  body.text_ = std::make_shared<const std::string>(std::move(serialized));
  const std::string_view text(*body.text_);
  body.size_ = text.size();
  body.pieces_.reserve(2 * sections.size() + 1);
  size_t gap_begin = 0;
  for (const auto& section : sections) {
    body.pieces_.push_back(text.substr(gap_begin, section.offset - gap_begin));
    body.pieces_.push_back(text.substr(section.offset, section.size));
    gap_begin = section.offset + section.size;
  }
  body.pieces_.push_back(text.substr(gap_begin));
  body.piece_digests_.reserve(body.pieces_.size());
  for (const auto piece : body.pieces_) body.piece_digests_.push_back(Sha256(piece));
  body.Combine();
  return body;
}

std::string ConfigBody::Text() const {
  std::string text;
  text.reserve(size_);
  for (const auto piece : pieces_) text.append(piece);
  return text;
}

void ConfigBody::Combine() {
  const std::string_view digests(reinterpret_cast<const char*>(piece_digests_.data()),
                                 piece_digests_.size() * sizeof(Sha256Digest));
  digest_ = Sha256Hex(digests);
}

std::optional<ConfigBody> ConfigBody::WithTargetsSections(
    std::vector<std::pair<size_t, std::string>> changes) const {
  std::erase_if(changes,
                [this](const auto& change) { return TargetsSection(change.first) == change.second; });
  if (changes.empty()) return std::nullopt;
  ConfigBody next = *this;
  if (next.replaced_.empty()) next.replaced_.resize(upstream_count());
  for (auto& [index, section] : changes) {
    const size_t piece = 2 * index + 1;
    next.size_ = next.size_ - next.pieces_[piece].size() + section.size();
    auto text = std::make_shared<const std::string>(std::move(section));
    next.pieces_[piece] = *text;
    next.piece_digests_[piece] = Sha256(*text);
    next.replaced_[index] = std::move(text);  // the section it replaces goes when no body uses it
  }
  next.Combine();
  return next;
}

}  // namespace kic::kong
