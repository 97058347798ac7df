#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace kic::kong {

// An entity's tags. Every entity made from one Kubernetes object carries the same tags (a Service's
// Kong service and upstream, an Ingress's routes and their plugins), so copies share one immutable
// list: in a big cluster that is one list per object instead of one per entity. Changing a list
// (rare: a rule-name tag) copies it first.
class Tags {
 public:
  Tags() = default;
  Tags(std::vector<std::string> tags);  // NOLINT(google-explicit-constructor): a list of tags is Tags
  Tags(std::initializer_list<std::string> tags) : Tags(std::vector<std::string>(tags)) {}

  const std::vector<std::string>& items() const;
  std::vector<std::string>::const_iterator begin() const { return items().begin(); }
  std::vector<std::string>::const_iterator end() const { return items().end(); }
  size_t size() const { return items().size(); }
  bool empty() const { return items().empty(); }
  const std::string& operator[](size_t i) const { return items()[i]; }

  void push_back(std::string tag);

  bool operator==(const Tags& other) const { return items() == other.items(); }

 private:
  std::shared_ptr<const std::vector<std::string>> list_;  // null when there are none
};

}  // namespace kic::kong
