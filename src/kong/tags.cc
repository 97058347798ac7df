#include "kong/tags.h"

namespace kic::kong {

Tags::Tags(std::vector<std::string> tags) {
  if (!tags.empty()) list_ = std::make_shared<const std::vector<std::string>>(std::move(tags));
}

const std::vector<std::string>& Tags::items() const {
  static const std::vector<std::string> kNone;
  return list_ ? *list_ : kNone;
}

void Tags::push_back(std::string tag) {
  auto changed = items();
  changed.push_back(std::move(tag));
  list_ = std::make_shared<const std::vector<std::string>>(std::move(changed));
}

}  // namespace kic::kong
