#include "kube/client/time_format.h"

#include <cstdio>
#include <ctime>

namespace kic::kube::client {
namespace {

std::string Seconds(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

}  // namespace

std::string FormatTime(std::chrono::system_clock::time_point t) {
  return Seconds(t) + "Z";
}

std::string FormatMicroTime(std::chrono::system_clock::time_point t) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count() % 1000000;
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%06lldZ",
                static_cast<long long>(micros < 0 ? micros + 1000000 : micros));
  return Seconds(t) + fraction;
}

}  // namespace kic::kube::client
