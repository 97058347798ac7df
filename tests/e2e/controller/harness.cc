#include "harness.h"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace kic::controller::e2e {

bool Eventually(const std::function<bool()>& condition, std::chrono::milliseconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string MakeTempDir() {
  std::string pattern = "/tmp/kic-e2e-XXXXXX";
  return ::mkdtemp(pattern.data()) ? pattern : "/tmp";
}

}  // namespace kic::controller::e2e
