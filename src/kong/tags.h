#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kic::kong {

// An entity's tags. Every entity made from one Kubernetes object carries the same tags (a Service's
// Kong service and upstream, an Ingress's routes and their plugins), so copies share one immutable
// list: in a big cluster that is one list per object instead of one per entity. The list is one
// allocation (the tags' ends, then their bytes): a 10k-Ingress cluster has 20k lists alive during a
// sync, and a vector of strings took ~430 bytes for six tags where this takes ~190. Changing a list
// (rare: a rule-name tag) copies it first.
class Tags {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;

    Iterator() = default;
    Iterator(const Tags* tags, size_t index) : tags_(tags), index_(index) {}
    std::string_view operator*() const { return (*tags_)[index_]; }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++index_;
      return before;
    }
    bool operator==(const Iterator& other) const { return index_ == other.index_; }

   private:
    const Tags* tags_ = nullptr;
    size_t index_ = 0;
  };

  Tags() = default;
  Tags(const std::vector<std::string>& tags);  // NOLINT(google-explicit-constructor): a list of tags is Tags
  Tags(std::initializer_list<std::string_view> tags);

  size_t size() const { return block_ ? block_[0] : 0; }
  bool empty() const { return size() == 0; }
  std::string_view operator[](size_t i) const;
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }
  std::vector<std::string> ToVector() const { return {begin(), end()}; }

  void push_back(std::string_view tag);

  bool operator==(const Tags& other) const;

 private:
  template <class Range>
  void Pack(const Range& tags);

  // [count][end of tag 0]...[end of tag count-1][bytes of every tag, back to back]; ends are byte
  // offsets into the bytes. Null when there are none.
  std::shared_ptr<const uint32_t[]> block_;
};

}  // namespace kic::kong
