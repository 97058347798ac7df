#include "common/yaml_sink.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "common/yaml_resolve.h"

namespace kic {
namespace {

int WriteHandler(void* data, unsigned char* buffer, size_t size) {
  static_cast<std::string*>(data)->append(reinterpret_cast<const char*>(buffer), size);
  return 1;
}

}  // namespace

std::string FormatGoFloat(double v) {
  if (std::isnan(v)) return ".nan";
  if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  // Shortest round-trip digits, in scientific form: d[.ddd]e±X.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  const bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  const auto e = sci.find('e');
  std::string digits = sci.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exp = std::stoi(sci.substr(e + 1));
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {  // strconv.FormatFloat uses precision 6 for this choice when shortest
    // %e with shortest digits and at least two exponent digits.
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += exp < 0 ? "e-" : "e+";
    const int a = std::abs(exp);
    if (a < 10) out += "0";
    out += std::to_string(a);
    return out;
  }
  const int dp = exp + 1;  // digits before the decimal point
  if (dp <= 0) {
    out += "0." + std::string(static_cast<size_t>(-dp), '0') + digits;
  } else if (static_cast<size_t>(dp) >= digits.size()) {
    out += digits + std::string(static_cast<size_t>(dp) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(dp)) + "." + digits.substr(static_cast<size_t>(dp));
  }
  return out;
}

YamlSink::YamlSink() {
  yaml_emitter_initialize(&emitter_);
  yaml_emitter_set_output(&emitter_, WriteHandler, &out_);
  yaml_emitter_set_unicode(&emitter_, 1);
  // KIC's golden files never fold long lines.
  yaml_emitter_set_width(&emitter_, -1);
  yaml_event_t ev;
  yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
  Emit(ev);
}

YamlSink::~YamlSink() {
  yaml_emitter_delete(&emitter_);
}

void YamlSink::Emit(yaml_event_t& event) {
  if (!yaml_emitter_emit(&emitter_, &event))
    throw std::runtime_error(std::string("YAML emitter: ") + (emitter_.problem ? emitter_.problem : "error"));
}

void YamlSink::StartDocumentIfNeeded() {
  if (document_started_) return;
  document_started_ = true;
  yaml_event_t ev;
  yaml_document_start_event_initialize(&ev, nullptr, nullptr, nullptr, 1);
  Emit(ev);
}

void YamlSink::BeginMap() {
  StartDocumentIfNeeded();
  yaml_event_t ev;
  yaml_mapping_start_event_initialize(&ev, nullptr, nullptr, 1, YAML_BLOCK_MAPPING_STYLE);
  Emit(ev);
  last_keys_.emplace_back();
  in_map_.push_back(true);
}

void YamlSink::EndMap() {
  yaml_event_t ev;
  yaml_mapping_end_event_initialize(&ev);
  Emit(ev);
  last_keys_.pop_back();
  in_map_.pop_back();
}

void YamlSink::Key(std::string_view key) {
  auto& last = last_keys_.back();
  if (!last.empty() && !NaturalLess(last, key))
    throw std::logic_error("YAML keys out of order: '" + last + "' before '" + std::string(key) + "'");
  last.assign(key);
  String(key);
}

void YamlSink::BeginSeq() {
  StartDocumentIfNeeded();
  yaml_event_t ev;
  yaml_sequence_start_event_initialize(&ev, nullptr, nullptr, 1, YAML_BLOCK_SEQUENCE_STYLE);
  Emit(ev);
  in_map_.push_back(false);
}

void YamlSink::EndSeq() {
  yaml_event_t ev;
  yaml_sequence_end_event_initialize(&ev);
  Emit(ev);
  in_map_.pop_back();
}

void YamlSink::Scalar(std::string_view text, yaml_scalar_style_t style) {
  StartDocumentIfNeeded();
  yaml_event_t ev;
  yaml_scalar_event_initialize(&ev, nullptr, nullptr,
                               reinterpret_cast<yaml_char_t*>(const_cast<char*>(text.data())),
                               static_cast<int>(text.size()), 1, 1, style);
  Emit(ev);
}

void YamlSink::String(std::string_view v) {
  yaml_scalar_style_t style;
  if (v.find('\n') != std::string_view::npos)
    style = YAML_LITERAL_SCALAR_STYLE;
  else if (yaml::ResolvePlain(v) == yaml::ScalarType::kString && !yaml::IsBase60Float(v))
    style = YAML_PLAIN_SCALAR_STYLE;
  else
    style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
  Scalar(v, style);
}

void YamlSink::Int(int64_t v) {
  Scalar(std::to_string(v), YAML_PLAIN_SCALAR_STYLE);
}
void YamlSink::Uint(uint64_t v) {
  Scalar(std::to_string(v), YAML_PLAIN_SCALAR_STYLE);
}

void YamlSink::Double(double v) {
  // Integral values travel through KIC's JSON round trip as integers.
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e21) {
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
    Scalar(std::string_view(buf, static_cast<size_t>(res.ptr - buf)), YAML_PLAIN_SCALAR_STYLE);
    return;
  }
  Scalar(FormatGoFloat(v), YAML_PLAIN_SCALAR_STYLE);
}

void YamlSink::Bool(bool v) {
  Scalar(v ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
}
void YamlSink::Null() {
  Scalar("null", YAML_PLAIN_SCALAR_STYLE);
}

std::string YamlSink::Finish() {
  StartDocumentIfNeeded();
  yaml_event_t ev;
  yaml_document_end_event_initialize(&ev, 1);
  Emit(ev);
  yaml_stream_end_event_initialize(&ev);
  Emit(ev);
  yaml_emitter_flush(&emitter_);
  return std::move(out_);
}

}  // namespace kic
