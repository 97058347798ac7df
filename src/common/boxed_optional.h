#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace kic {

// std::optional's interface over a pointer: for large parts of long-lived objects that are
// rarely present, where an inline optional would cost its whole size in every object. Absent
// costs 8 bytes; copies copy the part, so it behaves as a value, as std::optional does.
template <class T>
class BoxedOptional {
 public:
  BoxedOptional() = default;
  BoxedOptional(T value) : part_(std::make_unique<T>(std::move(value))) {}  // NOLINT: as optional's
  BoxedOptional(const BoxedOptional& other)
      : part_(other.part_ ? std::make_unique<T>(*other.part_) : nullptr) {}
  BoxedOptional(BoxedOptional&&) noexcept = default;
  BoxedOptional& operator=(const BoxedOptional& other) {
    if (this != &other) part_ = other.part_ ? std::make_unique<T>(*other.part_) : nullptr;
    return *this;
  }
  BoxedOptional& operator=(BoxedOptional&&) noexcept = default;
  BoxedOptional& operator=(T value) {
    part_ = std::make_unique<T>(std::move(value));
    return *this;
  }
  ~BoxedOptional() = default;

  bool has_value() const { return part_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *part_; }
  T& operator*() { return *part_; }
  const T* operator->() const { return part_.get(); }
  T* operator->() { return part_.get(); }
  const T& value() const {
    if (!part_) throw std::bad_optional_access();
    return *part_;
  }
  template <class U>
  T value_or(U&& fallback) const {
    return part_ ? *part_ : static_cast<T>(std::forward<U>(fallback));
  }
  void reset() { part_.reset(); }

  friend bool operator==(const BoxedOptional& a, const BoxedOptional& b) {
    if (!a.part_ || !b.part_) return !a.part_ && !b.part_;
    return *a.part_ == *b.part_;
  }

 private:
  std::unique_ptr<T> part_;
};

}  // namespace kic
