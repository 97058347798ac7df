#pragma once

#include <memory>

namespace kic {

// An optional part of a value type that is rarely present, kept behind a pointer so that the
// common case costs 8 bytes instead of the part's size, with value semantics (copies copy the
// part). Reading an absent part gives nullptr; Mutable() creates it.
template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(const Boxed& other) : part_(other.part_ ? std::make_unique<T>(*other.part_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) part_ = other.part_ ? std::make_unique<T>(*other.part_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  const T* get() const { return part_.get(); }
  T& Mutable() {
    if (!part_) part_ = std::make_unique<T>();
    return *part_;
  }

 private:
  std::unique_ptr<T> part_;
};

}  // namespace kic
