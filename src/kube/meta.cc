#include "kube/meta.h"

namespace kic::kube {

size_t StringMap::LowerBound(std::string_view key) const {
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                                   [](const Entry& e, std::string_view k) { return e.first < k; });
  return static_cast<size_t>(it - entries_.begin());
}

void StringMap::Set(std::string key, std::string value) {
  const auto it = entries_.begin() + static_cast<std::ptrdiff_t>(LowerBound(key));
  if (it != entries_.end() && it->first == key) {
    it->second = std::move(value);
    return;
  }
  entries_.emplace(it, std::move(key), std::move(value));
}

void StringMap::Erase(std::string_view key) {
  const auto it = entries_.begin() + static_cast<std::ptrdiff_t>(LowerBound(key));
  if (it == entries_.end() || it->first != key) return;
  entries_.erase(it);
  entries_.shrink_to_fit();
}

const std::string* StringMap::Find(std::string_view key) const {
  const size_t at = LowerBound(key);
  if (at < entries_.size() && entries_[at].first == key) return &entries_[at].second;
  return nullptr;
}

std::string_view ObjectMeta::Version() const {
  const std::string_view v = api_version;
  const auto slash = v.rfind('/');
  return slash == std::string_view::npos ? v : v.substr(slash + 1);
}

}  // namespace kic::kube
