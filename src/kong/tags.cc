#include "kong/tags.h"

#include <algorithm>

namespace kic::kong {
namespace {

const char* BytesOf(const uint32_t* block) {
  return reinterpret_cast<const char*>(block + 1 + block[0]);
}

}  // namespace

template <class Range>
void Tags::Pack(const Range& tags) {
  const size_t count = std::size(tags);
  if (count == 0) {
    block_.reset();
    return;
  }
  size_t bytes = 0;
  for (const auto& tag : tags) bytes += std::string_view(tag).size();
  const size_t words = 1 + count + (bytes + sizeof(uint32_t) - 1) / sizeof(uint32_t);
  auto block = std::make_shared<uint32_t[]>(words);
  block[0] = static_cast<uint32_t>(count);
  char* out = reinterpret_cast<char*>(block.get() + 1 + count);
  size_t end = 0;
  size_t i = 1;
  for (const auto& tag : tags) {
    const std::string_view text(tag);
    std::copy(text.begin(), text.end(), out + end);
    end += text.size();
    block[i++] = static_cast<uint32_t>(end);
  }
  block_ = std::move(block);
}

Tags::Tags(const std::vector<std::string>& tags) {
  Pack(tags);
}

Tags::Tags(std::initializer_list<std::string_view> tags) {
  Pack(tags);
}

std::string_view Tags::operator[](size_t i) const {
  const uint32_t* block = block_.get();
  const uint32_t begin = i == 0 ? 0 : block[i];
  return std::string_view(BytesOf(block) + begin, block[i + 1] - begin);
}

void Tags::push_back(std::string_view tag) {
  std::vector<std::string_view> changed(begin(), end());
  changed.push_back(tag);
  Pack(changed);  // `changed` points into the old block, which lives until Pack replaces it
}

bool Tags::operator==(const Tags& other) const {
  return std::equal(begin(), end(), other.begin(), other.end());
}

}  // namespace kic::kong
