#include "deploy_support.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/strings.h"

namespace kic::deploy_test {

std::vector<Manifest> LoadDeployManifests(std::vector<std::string>& errors) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(KIC_SOURCE_DIR) / "deploy";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Manifest> out;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = "deploy/" + file.filename().string();
    for (auto& doc : kic::yaml::ParseDocuments(text.str())) {
      if (doc.empty) continue;
      if (!doc.error.empty()) {
        errors.push_back(name + ": " + doc.error);
        continue;
      }
      out.push_back({name, std::move(doc.root)});
    }
  }
  return out;
}

const kic::yaml::Node* At(const kic::yaml::Node& node, const std::string& dotted) {
  const kic::yaml::Node* current = &node;
  for (const auto& part : Split(dotted, ".")) {
    if (current->kind != kic::yaml::Node::Kind::kMap) return nullptr;
    current = current->Find(part);
    if (!current) return nullptr;
  }
  return current;
}

std::string Text(const kic::yaml::Node& node, const std::string& dotted) {
  const auto* found = At(node, dotted);
  return found && found->kind == kic::yaml::Node::Kind::kScalar ? found->text : "";
}

std::vector<std::string> Texts(const kic::yaml::Node& node, const std::string& dotted) {
  std::vector<std::string> out;
  const auto* found = At(node, dotted);
  if (!found) return out;
  for (const auto& item : found->items) out.push_back(item.text);
  return out;
}

namespace {

// Sets variables for one parse and restores what was there before, so tests do not leak into each other.
class ScopedEnv {
 public:
  explicit ScopedEnv(const std::map<std::string, std::string>& env) {
    for (const auto& [name, value] : env) {
      const char* old = ::getenv(name.c_str());
      saved_.push_back({name, old != nullptr, old ? old : ""});
      ::setenv(name.c_str(), value.c_str(), 1);
    }
  }
  ~ScopedEnv() {
    for (const auto& s : saved_) {
      if (s.had)
        ::setenv(s.name.c_str(), s.value.c_str(), 1);
      else
        ::unsetenv(s.name.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  struct Saved {
    std::string name;
    bool had;
    std::string value;
  };
  std::vector<Saved> saved_;
};

}  // namespace

EnvParse ParseRunEnvironment(const std::map<std::string, std::string>& env) {
  EnvParse result;
  CLI::App app{"kic"};
  auto* run = app.add_subcommand("run");
  controller::AddRunFlags(*run, result.flags);

  std::set<std::string> known;
  for (const auto* option : run->get_options()) known.insert(option->get_envname());
  for (const auto& [name, value] : env) {
    if (name.rfind("CONTROLLER_", 0) == 0 && !known.count(name)) result.unknown.push_back(name);
  }

  ScopedEnv scoped(env);
  try {
    app.parse(std::vector<std::string>{"run"});
  } catch (const CLI::ParseError& e) {
    result.parse_error = e.what();
    return result;
  }
  controller::NoteGivenFlags(*run, result.flags);
  result.validation = controller::ValidateFlags(result.flags);
  result.parsed = true;
  return result;
}

}  // namespace kic::deploy_test
