#pragma once

#include <string>

namespace kic {

// Something wrong with one input object. Problems are values: they are collected and reported
// (stderr, Kubernetes Events, status) while everything else goes on being processed.
struct Problem {
  std::string object;   // "Kind namespace/name", or "file.yaml: document 3" before the object is known
  std::string field;    // the field at fault, "" when it is the object as a whole
  std::string message;  // what was expected

  std::string ToString() const {
    std::string out = object;
    if (!field.empty()) out += ": " + field;
    out += ": " + message;
    return out;
  }
  bool operator==(const Problem&) const = default;
};

}  // namespace kic
