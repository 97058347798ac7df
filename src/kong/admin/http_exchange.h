#pragma once

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "kong/admin/client_options.h"

namespace kic::kong::admin {

// What one HTTP exchange produced. Exactly one of "a response arrived" (status != 0) or "transport_error
// set".
struct HttpResult {
  long status = 0;              // HTTP status; 0 when no response arrived
  std::string body;             // response body
  std::string transport_error;  // connection refused, timeout, TLS failure... empty when a response arrived
  std::string retry_after;      // Retry-After response header, if any
  std::chrono::milliseconds duration{0};

  bool HasResponse() const { return transport_error.empty() && status != 0; }
  bool IsSuccess() const { return HasResponse() && status >= 200 && status < 300; }
  // "HTTP 500" / transport error text: for messages.
  std::string Describe() const;
};

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// One prepared request on a curl easy handle, owning everything curl points into (headers, buffers, blobs).
// Usable blocking (Perform) or inside a curl multi (Handle + Complete). Not copyable or movable: curl keeps
// pointers to its members.
class HttpExchange {
 public:
  // `body` must stay alive until the exchange completes (config bodies are large; no copy per instance).
  HttpExchange(const ClientOptions& options, std::string_view method, std::string_view path_and_query,
               std::string_view body = {});
  // A body in consecutive pieces, sent as one (like writev): a config body patched in place is
  // never copied into one buffer. The pieces and what they point into must outlive the exchange.
  HttpExchange(const ClientOptions& options, std::string_view method, std::string_view path_and_query,
               std::span<const std::string_view> body_pieces);
  HttpExchange(const HttpExchange&) = delete;
  HttpExchange& operator=(const HttpExchange&) = delete;

  // Runs the request to completion on this thread.
  HttpResult Perform();

  // For curl multi: the handle to add (null when setup already failed: call Complete right away).
  CURL* Handle() const { return setup_error_.empty() ? easy_.get() : nullptr; }
  // Builds the result once curl reports the transfer done with `code`.
  HttpResult Complete(CURLcode code);
  // A 2xx answer's body is not kept (Kong echoes a whole configuration back on POST /config).
  void DiscardSuccessBody() { discard_success_body_ = true; }

 private:
  static size_t OnBody(char* data, size_t size, size_t count, void* self);
  static size_t OnHeader(char* data, size_t size, size_t count, void* self);
  static size_t OnRead(char* buffer, size_t size, size_t count, void* self);
  static int OnSeek(void* self, curl_off_t offset, int origin);
  void Init(const ClientOptions& options, std::string_view method, std::string_view path_and_query);
  void Setup(const ClientOptions& options, std::string_view method, std::string_view path_and_query);

  std::unique_ptr<CURL, CurlEasyDeleter> easy_;
  std::unique_ptr<curl_slist, CurlSlistDeleter> headers_;
  std::unique_ptr<curl_slist, CurlSlistDeleter> connect_to_;
  std::string url_;
  std::string_view single_piece_;                  // the body given in one piece
  std::span<const std::string_view> body_pieces_;  // the request body
  size_t read_piece_ = 0;                          // upload position: piece, and offset in it
  size_t read_offset_ = 0;
  std::string body_;  // the response body
  bool discard_success_body_ = false;
  std::string retry_after_;
  std::string setup_error_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  std::chrono::steady_clock::time_point started_;
};

}  // namespace kic::kong::admin
