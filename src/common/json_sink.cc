#include "common/json_sink.h"

#include <cmath>

namespace kic {

void JsonSink::Double(double v) {
  // JSON has no NaN or infinity; Kong would reject them anyway.
  if (!std::isfinite(v)) {
    writer_.Null();
    return;
  }
  writer_.Double(v);
}

}  // namespace kic
