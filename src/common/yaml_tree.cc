#include "common/yaml_tree.h"

#include <yaml.h>

#include <map>
#include <memory>
#include <stdexcept>

namespace kic::yaml {
namespace {

class EventParser {
 public:
  explicit EventParser(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~EventParser() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;

  const yaml_event_t& Next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = false;
    if (!yaml_parser_parse(&parser_, &event_)) {
      throw std::runtime_error(std::string(parser_.problem ? parser_.problem : "syntax error") + " at line " +
                               std::to_string(parser_.problem_mark.line + 1));
    }
    has_event_ = true;
    return event_;
  }

  // Builds the node that starts with the current event.
  Node Build(const yaml_event_t& ev) {
    Node node;
    node.line = static_cast<int>(ev.start_mark.line) + 1;
    std::string anchor;
    switch (ev.type) {
      case YAML_SCALAR_EVENT: {
        node.kind = Node::Kind::kScalar;
        node.text.assign(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
        const char* tag = reinterpret_cast<const char*>(ev.data.scalar.tag);
        node.quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
                      (tag && std::string_view(tag) == "tag:yaml.org,2002:str");
        if (ev.data.scalar.anchor) anchor = reinterpret_cast<const char*>(ev.data.scalar.anchor);
        break;
      }
      case YAML_ALIAS_EVENT: {
        const std::string name = reinterpret_cast<const char*>(ev.data.alias.anchor);
        auto it = anchors_.find(name);
        if (it == anchors_.end()) throw std::runtime_error("unknown anchor '" + name + "'");
        return it->second;
      }
      case YAML_MAPPING_START_EVENT: {
        node.kind = Node::Kind::kMap;
        if (ev.data.mapping_start.anchor)
          anchor = reinterpret_cast<const char*>(ev.data.mapping_start.anchor);
        while (true) {
          const yaml_event_t& key_ev = Next();
          if (key_ev.type == YAML_MAPPING_END_EVENT) break;
          Node key = Build(key_ev);
          if (key.kind != Node::Kind::kScalar)
            throw std::runtime_error("non-scalar mapping key at line " + std::to_string(key.line));
          Node value = Build(Next());
          if (!key.quoted && key.text == "<<" && value.kind == Node::Kind::kMap) {
            for (auto& f : value.fields)
              if (!node.Find(f.first)) node.fields.push_back(std::move(f));
            continue;
          }
          bool replaced = false;
          for (auto& f : node.fields)
            if (f.first == key.text) {
              f.second = std::move(value);
              replaced = true;
              break;
            }
          if (!replaced) node.fields.emplace_back(std::move(key.text), std::move(value));
        }
        break;
      }
      case YAML_SEQUENCE_START_EVENT: {
        node.kind = Node::Kind::kSeq;
        if (ev.data.sequence_start.anchor)
          anchor = reinterpret_cast<const char*>(ev.data.sequence_start.anchor);
        while (true) {
          const yaml_event_t& item_ev = Next();
          if (item_ev.type == YAML_SEQUENCE_END_EVENT) break;
          node.items.push_back(Build(item_ev));
        }
        break;
      }
      default:
        throw std::runtime_error("unexpected YAML event");
    }
    if (!anchor.empty()) anchors_[anchor] = node;
    return node;
  }

 private:
  yaml_parser_t parser_;
  yaml_event_t event_{};
  bool has_event_ = false;
  std::map<std::string, Node> anchors_;
};

Document ParseOne(std::string_view text, int first_line) {
  Document doc;
  doc.first_line = first_line;
  try {
    EventParser parser(text);
    if (parser.Next().type != YAML_STREAM_START_EVENT) throw std::runtime_error("no YAML stream");
    const yaml_event_t* ev = &parser.Next();
    if (ev->type == YAML_STREAM_END_EVENT) return doc;
    if (ev->type != YAML_DOCUMENT_START_EVENT) throw std::runtime_error("no YAML document");
    doc.root = parser.Build(parser.Next());
    doc.empty = false;
    if (parser.Next().type != YAML_DOCUMENT_END_EVENT)
      throw std::runtime_error("more than one document in one '---' section");
  } catch (const std::exception& e) {
    doc.empty = false;
    doc.error = e.what();
  }
  return doc;
}

bool IsSeparator(std::string_view line) {
  if (line.substr(0, 3) != "---") return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
}

}  // namespace

std::vector<Document> ParseDocuments(std::string_view text) {
  std::vector<Document> docs;
  size_t start = 0;
  int line_no = 1;
  int section_line = 1;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = text.substr(pos, eol - pos);
    if (IsSeparator(line)) {
      Document d = ParseOne(text.substr(start, pos - start), section_line);
      if (!d.empty) docs.push_back(std::move(d));
      start = eol + 1;
      section_line = line_no + 1;
    }
    if (eol == text.size()) break;
    pos = eol + 1;
    ++line_no;
  }
  if (start < text.size()) {
    Document d = ParseOne(text.substr(start), section_line);
    if (!d.empty) docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace kic::yaml
