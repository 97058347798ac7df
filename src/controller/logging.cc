#include "controller/logging.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

#include "kube/client/time_format.h"

namespace kic::controller {
namespace {

// One JSON object per line on stderr; the message is escaped properly (spdlog patterns would not).
class JsonStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    nlohmann::json line;
    line["level"] = std::string(spdlog::level::to_string_view(msg.level).data(),
                                spdlog::level::to_string_view(msg.level).size());
    line["time"] = kube::client::FormatMicroTime(
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(msg.time));
    line["logger"] = "kic";
    line["msg"] = std::string(msg.payload.data(), msg.payload.size());
    const auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
};

}  // namespace

std::string ConfigureLogging(const std::string& format, const std::string& level) {
  const auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") return "unknown log level \"" + level + "\"";
  std::shared_ptr<spdlog::logger> logger;
  if (format == "json") {
    logger = std::make_shared<spdlog::logger>("kic", std::make_shared<JsonStderrSink>());
  } else if (format == "text") {
    logger = std::make_shared<spdlog::logger>("kic", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ\t%l\t%v", spdlog::pattern_time_type::utc);
  } else {
    return "unknown log format \"" + format + "\"";
  }
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  return "";
}

}  // namespace kic::controller
