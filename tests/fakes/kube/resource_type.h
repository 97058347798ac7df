#pragma once

#include <map>
#include <string>
#include <vector>

namespace kic::kubefake {

// One additionalPrinterColumn of a CRD (or of a built-in table).
struct PrinterColumn {
  std::string name;
  std::string type;  // string, integer, number, boolean, date
  std::string json_path;
  std::string description;
  int priority = 0;
};

// A kind the server serves, from the built-in table or a CRD file.
struct ResourceType {
  std::string group;                  // "" for the core group
  std::vector<std::string> versions;  // served versions, preferred first
  std::string plural;
  std::string singular;
  std::string kind;
  std::string list_kind;
  bool namespaced = true;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool has_status = false;         // has a /status subresource
  bool tracks_generation = false;  // sets metadata.generation
  bool is_custom = false;          // from a CRD: strategic merge patch is refused
  std::map<std::string, std::vector<PrinterColumn>> printer_columns;  // by version

  // Storage is shared by all versions of a kind (no conversion: the versions we serve share a schema).
  std::string StorageKey() const { return group + "/" + plural; }
  std::string ApiVersion(const std::string& version) const {
    return group.empty() ? version : group + "/" + version;
  }
};

}  // namespace kic::kubefake
