#include "table.h"

#include <chrono>
#include <ctime>

namespace kic::kubefake {

using nlohmann::json;

bool WantsTable(const std::string& accept) {
  return accept.find("as=Table") != std::string::npos;
}

namespace {

std::vector<PrinterColumn> BuiltinColumns(const ResourceType& type) {
  if (type.kind == "Service") {
    return {{"Type", "string", ".spec.type", "", 0}, {"Cluster-IP", "string", ".spec.clusterIP", "", 0}};
  }
  if (type.kind == "Ingress") {
    return {{"Class", "string", ".spec.ingressClassName", "", 0},
            {"Hosts", "string", ".spec.rules[*].host", "", 0}};
  }
  if (type.kind == "IngressClass") return {{"Controller", "string", ".spec.controller", "", 0}};
  if (type.kind == "Namespace") return {{"Status", "string", ".status.phase", "", 0}};
  if (type.kind == "Secret") return {{"Type", "string", ".type", "", 0}};
  return {};
}

// One step of a path: a field name, then an optional [index], [*] or [?(@.key=="value")].
std::vector<json> Step(const std::vector<json>& nodes, const std::string& field, const std::string& filter) {
  std::vector<json> out;
  for (const auto& node : nodes) {
    if (!node.is_object() || !node.contains(field)) continue;
    const json& v = node[field];
    if (filter.empty()) {
      out.push_back(v);
      continue;
    }
    if (!v.is_array()) continue;
    if (filter == "*") {
      for (const auto& e : v) out.push_back(e);
    } else if (filter.rfind("?(@.", 0) == 0) {
      size_t eq = filter.find("==");
      if (eq == std::string::npos) continue;
      std::string key = filter.substr(4, eq - 4);
      std::string want = filter.substr(eq + 2);
      if (!want.empty() && want.back() == ')') want.pop_back();
      if (want.size() >= 2 && (want.front() == '"' || want.front() == '\''))
        want = want.substr(1, want.size() - 2);
      for (const auto& e : v) {
        if (e.is_object() && e.contains(key) && e[key].is_string() && e[key].get<std::string>() == want) {
          out.push_back(e);
        }
      }
    } else {
      try {
        size_t index = std::stoul(filter);
        if (index < v.size()) out.push_back(v[index]);
      } catch (const std::exception&) {
      }
    }
  }
  return out;
}

std::string Cell(const std::vector<json>& values, const std::string& type) {
  if (values.empty()) return type == "date" ? "<unknown>" : "";
  if (type == "date" && values.front().is_string()) return HumanAge(values.front().get<std::string>());
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ",";
    out += v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

}  // namespace

std::vector<json> EvaluateJsonPath(const json& object, const std::string& path) {
  std::vector<json> nodes = {object};
  size_t i = 0;
  while (i < path.size() && !nodes.empty()) {
    if (path[i] != '.') return {};
    size_t end = path.find_first_of(".[", i + 1);
    std::string field = path.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
    std::string filter;
    i = end == std::string::npos ? path.size() : end;
    if (i < path.size() && path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == std::string::npos) return {};
      filter = path.substr(i + 1, close - i - 1);
      i = close + 1;
    }
    nodes = Step(nodes, field, filter);
  }
  return nodes;
}

std::string HumanAge(const std::string& timestamp) {
  std::tm tm{};
  if (strptime(timestamp.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return "<unknown>";
  auto seconds = std::time(nullptr) - timegm(&tm);
  if (seconds < 0) seconds = 0;
  if (seconds < 120) return std::to_string(seconds) + "s";
  if (seconds < 2 * 3600) return std::to_string(seconds / 60) + "m";
  if (seconds < 2 * 86400) return std::to_string(seconds / 3600) + "h";
  return std::to_string(seconds / 86400) + "d";
}

TableRenderer::TableRenderer(const ResourceType& type, const std::string& version) {
  auto it = type.printer_columns.find(version);
  if (it != type.printer_columns.end() && !it->second.empty()) {
    columns_ = it->second;
  } else {
    columns_ = BuiltinColumns(type);
    columns_.push_back({"Age", "date", ".metadata.creationTimestamp", "", 0});
  }
}

json TableRenderer::Row(const json& object) const {
  json cells = json::array({object["metadata"].value("name", "")});
  for (const auto& c : columns_) cells.push_back(Cell(EvaluateJsonPath(object, c.json_path), c.type));
  json metadata = object["metadata"];
  json partial = {
      {"kind", "PartialObjectMetadata"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", metadata}};
  return {{"cells", cells}, {"object", partial}};
}

json TableRenderer::Render(const std::vector<json>& objects, const json& list_metadata,
                           bool with_columns) const {
  json rows = json::array();
  for (const auto& o : objects) rows.push_back(Row(o));
  json table = {
      {"kind", "Table"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", list_metadata}, {"rows", rows}};
  if (with_columns) {
    json defs = json::array(
        {{{"name", "Name"}, {"type", "string"}, {"format", "name"}, {"description", ""}, {"priority", 0}}});
    for (const auto& c : columns_) {
      // Every cell is rendered here (ages included), so every column is a string column.
      defs.push_back({{"name", c.name},
                      {"type", "string"},
                      {"format", ""},
                      {"description", c.description},
                      {"priority", c.priority}});
    }
    table["columnDefinitions"] = defs;
  }
  return table;
}

}  // namespace kic::kubefake
