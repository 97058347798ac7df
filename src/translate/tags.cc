#include "translate/tags.h"

#include <algorithm>

#include "common/strings.h"

namespace kic::translate {

kong::Tags TagsFor(const kube::ObjectMeta& meta, std::string_view kind, std::string_view group) {
  std::vector<std::string> tags;
  tags.reserve(7);
  tags.push_back("k8s-name:" + meta.name);
  if (!meta.namespace_.empty()) tags.push_back("k8s-namespace:" + meta.namespace_);
  tags.push_back("k8s-kind:" + std::string(kind));
  if (!meta.uid.empty()) tags.push_back("k8s-uid:" + meta.uid.str());
  if (!group.empty()) tags.push_back("k8s-group:" + std::string(group));
  const auto version = meta.Version();
  if (!version.empty()) tags.push_back("k8s-version:" + std::string(version));
  if (const auto* user = meta.annotations.Find("konghq.com/tags")) {
    for (const auto& piece : Split(*user, ",")) {
      const std::string tag(TrimSpace(piece));
      if (tag.empty() || std::find(tags.begin(), tags.end(), tag) != tags.end()) continue;
      tags.push_back(tag);
    }
  }
  return kong::Tags(std::move(tags));
}

kong::Tags UnknownServiceTags() {
  return {"k8s-name:UNKNOWN", "k8s-namespace:UNKNOWN",
          "k8s-kind:Service", "k8s-uid:00000000-0000-0000-0000-000000000000",
          "k8s-group:core",   "k8s-version:v1"};
}

std::string ObjectRef(std::string_view kind, const kube::ObjectMeta& meta) {
  return std::string(kind) + " " + meta.Key();
}

}  // namespace kic::translate
