#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/yaml_resolve.h"

namespace kic::yaml {

// A parsed YAML node. Scalars keep their text and whether they were quoted, so that decoders can
// tell the string "80" from the integer 80 (Kubernetes' IntOrString) the way sigs.k8s.io/yaml does.
struct Node {
  enum class Kind { kScalar, kMap, kSeq };
  Kind kind = Kind::kScalar;
  std::string text;
  bool quoted = false;  // quoted or block scalar, or explicitly tagged !!str: always a string
  int line = 0;         // 1-based line in the document text
  std::vector<std::pair<std::string, Node>> fields;
  std::vector<Node> items;

  ScalarType Type() const { return quoted ? ScalarType::kString : ResolvePlain(text); }
  bool IsNull() const { return kind == Kind::kScalar && Type() == ScalarType::kNull; }
  const Node* Find(std::string_view key) const {
    for (const auto& [k, v] : fields)
      if (k == key) return &v;
    return nullptr;
  }
};

struct Document {
  Node root;
  bool empty = true;   // only comments / whitespace
  std::string error;   // syntax error, with line; root is unusable when set
  int first_line = 1;  // where this document starts in the file
};

// Splits a multi-document stream on "---" lines and parses each document on its own, so that a
// syntax error in one document does not hide the others.
std::vector<Document> ParseDocuments(std::string_view text);

}  // namespace kic::yaml
