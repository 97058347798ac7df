#include "kube/manifest_loader.h"

#include <algorithm>
#include <filesystem>

#include "common/files.h"

namespace kic::kube {
namespace {

namespace fs = std::filesystem;

bool HasManifestExtension(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

std::string ReadFile(const fs::path& p) {
  auto text = ReadWholeFile(p.string());
  if (!text) throw LoadError("cannot read " + p.string());
  return std::move(*text);
}

std::string Describe(const std::string& source, size_t doc_index, const TypeInfo& t) {
  std::string out = source + ": document " + std::to_string(doc_index);
  if (!t.kind.empty()) {
    out += " (" + t.kind;
    if (!t.name.empty()) out += " " + (t.namespace_.empty() ? t.name : t.namespace_ + "/" + t.name);
    out += ")";
  }
  return out;
}

bool IsList(const std::string& kind) {
  return kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0;
}

// Decodes one object (or a List of them) and stores it; problems are recorded, never thrown.
template <class NodeT, class ItemsF>
void LoadNode(const NodeT& node, const std::string& source, size_t doc_index, Store& store,
              LoadResult& result, ItemsF&& for_each_item) {
  const TypeInfo type = ReadTypeInfo(node);
  if (IsList(type.kind)) {
    size_t item_index = 0;
    for_each_item(node, [&](const NodeT& item) {
      LoadNode(item, source + ": document " + std::to_string(doc_index) + " item", item_index++, store,
               result, for_each_item);
    });
    return;
  }
  try {
    auto object = DecodeObject(node);
    if (!object) {
      ++result.skipped;
      return;
    }
    store.Upsert(std::move(*object));
    ++result.objects;
  } catch (const DecodeError& e) {
    result.problems.push_back(
        Problem{Describe(source, doc_index, type), e.field(),
                e.field().empty() ? e.what() : std::string(e.what()).substr(e.field().size() + 2)});
  }
}

}  // namespace

void LoadYamlText(std::string_view text, const std::string& source, Store& store, LoadResult& result) {
  const auto docs = yaml::ParseDocuments(text);
  size_t index = 0;
  for (const auto& doc : docs) {
    ++index;
    if (!doc.error.empty()) {
      result.problems.push_back(Problem{source + ": document " + std::to_string(index), "",
                                        "invalid YAML: " + doc.error + " (document starts at line " +
                                            std::to_string(doc.first_line) + ")"});
      continue;
    }
    if (doc.root.IsNull()) continue;
    LoadNode(doc.root, source, index, store, result, [](const yaml::Node& list, auto&& f) {
      if (const auto* items = list.Find("items"); items && items->kind == yaml::Node::Kind::kSeq)
        for (const auto& item : items->items) f(item);
    });
  }
}

void LoadJsonText(std::string_view text, const std::string& source, Store& store, LoadResult& result) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const simdjson::padded_string padded(text);
  if (auto err = parser.parse(padded).get(root); err) {
    result.problems.push_back(
        Problem{source, "", std::string("invalid JSON: ") + simdjson::error_message(err)});
    return;
  }
  LoadNode(root, source, 1, store, result, [](simdjson::dom::element list, auto&& f) {
    simdjson::dom::array items;
    if (list.is_object() && list["items"].get_array().get(items) == simdjson::SUCCESS)
      for (auto item : items) f(item);
  });
}

LoadResult LoadManifests(const std::vector<std::string>& paths, Store& store) {
  LoadResult result;
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file() && HasManifestExtension(it->path())) found.push_back(it->path());
      }
      if (ec) throw LoadError("cannot read directory " + p + ": " + ec.message());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.emplace_back(p);
    } else {
      throw LoadError("no such file or directory: " + p);
    }
  }
  for (const auto& f : files) {
    const std::string text = ReadFile(f);
    if (f.extension() == ".json")
      LoadJsonText(text, f.string(), store, result);
    else
      LoadYamlText(text, f.string(), store, result);
  }
  return result;
}

}  // namespace kic::kube
