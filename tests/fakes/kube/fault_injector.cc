#include "fault_injector.h"

namespace kic::kubefake {

ApiError InjectedError(int code, int retry_after_seconds) {
  ApiError e;
  switch (code) {
    case 429:
      e = TooManyRequests(retry_after_seconds);
      break;
    case 503:
      e = {503, "ServiceUnavailable", "the server is currently unable to handle the request"};
      break;
    case 504:
      e = {504, "Timeout", "the server was unable to return a response in the time allotted"};
      break;
    default:
      e = InternalError("injected failure");
      e.code = code;
      break;
  }
  if (retry_after_seconds > 0) e.retry_after_seconds = retry_after_seconds;
  return e;
}

FaultInjector::Verdict FaultInjector::OnRequest() {
  std::lock_guard lock(mu_);
  Verdict v;
  if (stall_count_ != 0) {
    v.stall = stall_;
    if (stall_count_ > 0) --stall_count_;
  }
  if (fail_count_ > 0) {
    --fail_count_;
    v.failure = InjectedError(fail_code_, retry_after_seconds_);
  } else if (fail_until_) {
    if (Clock::now() < *fail_until_) {
      v.failure = InjectedError(fail_code_, retry_after_seconds_);
    } else {
      fail_until_.reset();
    }
  }
  return v;
}

void FaultInjector::FailNext(int code, int count, int retry_after_seconds) {
  std::lock_guard lock(mu_);
  fail_code_ = code;
  fail_count_ = count;
  fail_until_.reset();
  retry_after_seconds_ = retry_after_seconds;
}

void FaultInjector::FailFor(int code, std::chrono::milliseconds duration, int retry_after_seconds) {
  std::lock_guard lock(mu_);
  fail_code_ = code;
  fail_count_ = 0;
  fail_until_ = Clock::now() + duration;
  retry_after_seconds_ = retry_after_seconds;
}

void FaultInjector::Stall(std::chrono::milliseconds delay, int count) {
  std::lock_guard lock(mu_);
  stall_ = delay;
  stall_count_ = delay.count() <= 0 ? 0 : (count > 0 ? count : -1);
}

void FaultInjector::SetToken(std::optional<std::string> token) {
  std::lock_guard lock(mu_);
  token_ = std::move(token);
}

std::optional<std::string> FaultInjector::Token() const {
  std::lock_guard lock(mu_);
  return token_;
}

void FaultInjector::Reset() {
  std::lock_guard lock(mu_);
  token_ = initial_token_;
  fail_count_ = 0;
  fail_until_.reset();
  stall_count_ = 0;
}

}  // namespace kic::kubefake
