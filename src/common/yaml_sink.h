#pragma once

#include <yaml.h>

#include <string>
#include <vector>

#include "common/sink.h"

namespace kic {

// YAML as KIC's golden files have it: libyaml's emitter (yaml.v2 is a line-by-line port of it)
// plus yaml.v2's choice of scalar style: a string that would read back as another type is
// double-quoted, a multi-line string is a literal block, everything else is plain.
class YamlSink final : public Sink {
 public:
  YamlSink();
  ~YamlSink() override;
  YamlSink(const YamlSink&) = delete;
  YamlSink& operator=(const YamlSink&) = delete;

  void BeginMap() override;
  void EndMap() override;
  void Key(std::string_view key) override;
  void BeginSeq() override;
  void EndSeq() override;
  void String(std::string_view v) override;
  void Int(int64_t v) override;
  void Uint(uint64_t v) override;
  void Double(double v) override;
  void Bool(bool v) override;
  void Null() override;

  // Ends the document and returns the text. The sink is spent afterwards.
  std::string Finish();

 private:
  void Emit(yaml_event_t& event);
  void Scalar(std::string_view text, yaml_scalar_style_t style);
  void StartDocumentIfNeeded();

  yaml_emitter_t emitter_;
  std::string out_;
  bool document_started_ = false;
  // Last key of each open map, to check that keys arrive in natural order.
  std::vector<std::string> last_keys_;
  std::vector<bool> in_map_;
};

// Go's strconv.FormatFloat(v, 'g', -1, 64) as yaml.v2 writes floats (".inf", ".nan" for the rest).
std::string FormatGoFloat(double v);

}  // namespace kic
