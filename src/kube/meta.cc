#include "kube/meta.h"

namespace kic::kube {

void StringMap::Set(std::string key, std::string value) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const Entry& e, const std::string& k) { return e.first < k; });
  if (it != entries_.end() && it->first == key) {
    it->second = std::move(value);
    return;
  }
  entries_.emplace(it, std::move(key), std::move(value));
}

void StringMap::Erase(std::string_view key) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const Entry& e, std::string_view k) { return e.first < k; });
  if (it == entries_.end() || it->first != key) return;
  entries_.erase(it);
  entries_.shrink_to_fit();
}

const std::string* StringMap::Find(std::string_view key) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const Entry& e, std::string_view k) { return e.first < k; });
  if (it != entries_.end() && it->first == key) return &it->second;
  return nullptr;
}

std::string_view ObjectMeta::Version() const {
  const std::string_view v = api_version;
  const auto slash = v.rfind('/');
  return slash == std::string_view::npos ? v : v.substr(slash + 1);
}

}  // namespace kic::kube
