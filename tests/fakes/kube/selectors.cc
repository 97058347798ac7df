#include "selectors.h"

#include <algorithm>

#include "common/strings.h"

namespace kic::kubefake {

using nlohmann::json;

namespace {

// Splits on commas that are not inside parentheses ("a in (x,y),b" has two terms).
std::vector<std::string> SplitTerms(std::string_view text) {
  std::vector<std::string> terms;
  std::string current;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      terms.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  terms.push_back(current);
  return terms;
}

std::optional<std::string> LabelValue(const json& object, const std::string& key) {
  const json* labels = nullptr;
  if (object.contains("metadata") && object["metadata"].contains("labels"))
    labels = &object["metadata"]["labels"];
  if (labels == nullptr || !labels->is_object() || !labels->contains(key)) return std::nullopt;
  const json& v = (*labels)[key];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// "word in (a,b)" -> key "word", values {a,b}; returns false when the term is not of that form.
bool ParseSetTerm(std::string_view term, std::string_view op_word, std::string* key,
                  std::vector<std::string>* values) {
  std::string needle = " " + std::string(op_word) + " ";
  size_t pos = term.find(needle);
  if (pos == std::string_view::npos) return false;
  *key = std::string(TrimSpace(term.substr(0, pos)));
  std::string_view rest = TrimSpace(term.substr(pos + needle.size()));
  if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') return false;
  values->clear();
  for (const auto& v : Split(rest.substr(1, rest.size() - 2), ",")) {
    values->push_back(std::string(TrimSpace(v)));
  }
  return true;
}

}  // namespace

std::optional<LabelSelector> LabelSelector::Parse(std::string_view text, std::string* error) {
  LabelSelector selector;
  if (TrimSpace(text).empty()) return selector;
  for (const auto& raw : SplitTerms(text)) {
    std::string_view term = TrimSpace(raw);
    if (term.empty()) {
      *error = "empty term in label selector";
      return std::nullopt;
    }
    Requirement r;
    if (ParseSetTerm(term, "notin", &r.key, &r.values)) {
      r.op = Op::kNotIn;
    } else if (ParseSetTerm(term, "in", &r.key, &r.values)) {
      r.op = Op::kIn;
    } else if (size_t p = term.find("!="); p != std::string_view::npos) {
      r = {std::string(TrimSpace(term.substr(0, p))),
           Op::kNotIn,
           {std::string(TrimSpace(term.substr(p + 2)))}};
    } else if (size_t p2 = term.find("=="); p2 != std::string_view::npos) {
      r = {
          std::string(TrimSpace(term.substr(0, p2))), Op::kIn, {std::string(TrimSpace(term.substr(p2 + 2)))}};
    } else if (size_t p3 = term.find('='); p3 != std::string_view::npos) {
      r = {
          std::string(TrimSpace(term.substr(0, p3))), Op::kIn, {std::string(TrimSpace(term.substr(p3 + 1)))}};
    } else if (term.front() == '!') {
      r = {std::string(TrimSpace(term.substr(1))), Op::kNotExists, {}};
    } else {
      r = {std::string(term), Op::kExists, {}};
    }
    if (r.key.empty() || r.key.find_first_of(" ()!=") != std::string::npos) {
      *error = "unable to parse requirement: \"" + std::string(term) + "\"";
      return std::nullopt;
    }
    selector.requirements_.push_back(std::move(r));
  }
  return selector;
}

bool LabelSelector::Matches(const json& object) const {
  for (const auto& r : requirements_) {
    std::optional<std::string> value = LabelValue(object, r.key);
    bool in_set = value && std::find(r.values.begin(), r.values.end(), *value) != r.values.end();
    switch (r.op) {
      case Op::kIn:
        if (!in_set) return false;
        break;
      case Op::kNotIn:  // also matches objects without the key, as Kubernetes does
        if (in_set) return false;
        break;
      case Op::kExists:
        if (!value) return false;
        break;
      case Op::kNotExists:
        if (value) return false;
        break;
    }
  }
  return true;
}

std::optional<FieldSelector> FieldSelector::Parse(std::string_view text, std::string* error) {
  FieldSelector selector;
  if (TrimSpace(text).empty()) return selector;
  for (const auto& raw : Split(text, ",")) {
    std::string_view term = TrimSpace(raw);
    Requirement r;
    if (size_t p = term.find("!="); p != std::string_view::npos) {
      r = {std::string(term.substr(0, p)), false, std::string(term.substr(p + 2))};
    } else if (size_t p2 = term.find("=="); p2 != std::string_view::npos) {
      r = {std::string(term.substr(0, p2)), true, std::string(term.substr(p2 + 2))};
    } else if (size_t p3 = term.find('='); p3 != std::string_view::npos) {
      r = {std::string(term.substr(0, p3)), true, std::string(term.substr(p3 + 1))};
    } else {
      *error = "invalid selector: '" + std::string(term) + "'; can't understand '" + std::string(term) + "'";
      return std::nullopt;
    }
    if (r.path.empty()) {
      *error = "invalid field selector: \"" + std::string(term) + "\"";
      return std::nullopt;
    }
    selector.requirements_.push_back(std::move(r));
  }
  return selector;
}

bool FieldSelector::Matches(const json& object) const {
  for (const auto& r : requirements_) {
    const json* node = &object;
    for (const auto& part : Split(r.path, ".")) {
      if (node == nullptr || !node->is_object() || !node->contains(part)) {
        node = nullptr;
        break;
      }
      node = &(*node)[part];
    }
    std::string value;
    if (node != nullptr && !node->is_null())
      value = node->is_string() ? node->get<std::string>() : node->dump();
    if ((value == r.value) != r.equal) return false;
  }
  return true;
}

}  // namespace kic::kubefake
