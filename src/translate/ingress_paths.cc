#include "translate/ingress_paths.h"

#include "common/strings.h"

namespace kic::translate {

std::string NormalizeIngressPath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  if (out.empty()) out = "/";
  return out;
}

std::vector<std::string> KongPathsFor(std::string_view raw_path, std::string_view path_type,
                                      std::string_view regex_prefix) {
  const std::string path = NormalizeIngressPath(raw_path);
  std::vector<std::string> paths;
  if (path_type == "Prefix") {
    const auto base = TrimChars(path, "/");
    if (base.empty()) {
      paths.emplace_back("/");
    } else {
      paths.push_back("/" + std::string(base) + "/");
      paths.push_back("~/" + std::string(base) + "$");
    }
  } else if (path_type == "Exact") {
    paths.push_back("~/" + std::string(TrimLeftChars(path, "/")) + "$");
  } else {
    paths.push_back(path);
  }
  if (!regex_prefix.empty()) {
    for (auto& p : paths)
      if (p.size() >= regex_prefix.size() &&
          std::string_view(p).substr(0, regex_prefix.size()) == regex_prefix)
        p = "~" + p.substr(regex_prefix.size());
  }
  return paths;
}

}  // namespace kic::translate
