#include "kong/config_body.h"

#include <algorithm>

namespace kic::kong {
namespace {

// Piece k of a body with `sections`: even k are the gaps around sections, odd k the sections.
ByteSpan Piece(const std::vector<ByteSpan>& sections, size_t text_size, size_t k) {
  const size_t i = k / 2;
  if (k % 2 == 1) return sections[i];
  const size_t begin = i == 0 ? 0 : sections[i - 1].offset + sections[i - 1].size;
  const size_t end = i == sections.size() ? text_size : sections[i].offset;
  return ByteSpan{begin, end - begin};
}

}  // namespace

ConfigBody ConfigBody::Serialize(const Config& config, size_t expected_size) {
  ConfigBody body;
  body.text_ = std::make_shared<const std::string>(ToJson(config, expected_size, &body.sections_));
  body.HashAll();
  return body;
}

std::string_view ConfigBody::TargetsSection(size_t index) const {
  const auto& span = sections_.at(index);
  return std::string_view(*text_).substr(span.offset, span.size);
}

void ConfigBody::HashAll() {
  const std::string_view text(*text_);
  const size_t pieces = 2 * sections_.size() + 1;
  piece_digests_.resize(pieces);
  for (size_t k = 0; k < pieces; ++k) {
    const auto piece = Piece(sections_, text.size(), k);
    piece_digests_[k] = Sha256(text.substr(piece.offset, piece.size));
  }
  Combine();
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
  std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  size_t size = text_->size();
  for (const auto& [index, section] : changes) size = size - sections_[index].size + section.size();
  std::string text;
  text.reserve(size);

  ConfigBody next;
  next.sections_.reserve(sections_.size());
  next.piece_digests_ = piece_digests_;
  size_t copied = 0;  // of the old text
  auto change = changes.begin();
  for (size_t i = 0; i < sections_.size(); ++i) {
    const ByteSpan old = sections_[i];
    if (change != changes.end() && change->first == i) {
      text.append(*text_, copied, old.offset - copied);
      next.sections_.push_back(ByteSpan{text.size(), change->second.size()});
      text.append(change->second);
      next.piece_digests_[2 * i + 1] = Sha256(change->second);
      copied = old.offset + old.size;
      // Later changes with the same index: the first one wins.
      while (change != changes.end() && change->first == i) ++change;
    } else {
      next.sections_.push_back(ByteSpan{old.offset + text.size() - copied, old.size});
    }
  }
  text.append(*text_, copied, std::string::npos);
  next.text_ = std::make_shared<const std::string>(std::move(text));
  next.Combine();
  return next;
}

}  // namespace kic::kong
