#include "kong/admin/http_exchange.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace kic::kong::admin {
namespace {

// curl_global_init is not thread-safe; a function-local static runs it exactly once.
void EnsureCurlInitialized() {
  static const bool initialized = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)initialized;
}

std::string TrimRight(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

// Replaces the host of `url` by `server_name` and returns the CONNECT_TO entry that still dials the original
// host, so that TLS SNI and certificate verification use `server_name`.
std::string RewriteForServerName(std::string& url, const std::string& server_name, std::string& error) {
  CURLU* parsed = curl_url();
  std::string connect_to;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    error = "invalid Kong Admin API URL '" + url + "'";
  } else {
    char* host = nullptr;
    char* port = nullptr;
    curl_url_get(parsed, CURLUPART_HOST, &host, 0);
    curl_url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    if (host != nullptr && port != nullptr) {
      connect_to = server_name + ":" + port + ":" + host + ":" + port;
      curl_url_set(parsed, CURLUPART_HOST, server_name.c_str(), 0);
      char* rewritten = nullptr;
      if (curl_url_get(parsed, CURLUPART_URL, &rewritten, 0) == CURLUE_OK) url = rewritten;
      curl_free(rewritten);
    } else {
      error = "invalid Kong Admin API URL '" + url + "'";
    }
    curl_free(host);
    curl_free(port);
  }
  curl_url_cleanup(parsed);
  return connect_to;
}

void SetBlob(CURL* easy, CURLoption option, const std::string& pem) {
  curl_blob blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
  curl_easy_setopt(easy, option, &blob);
}

}  // namespace

std::string HttpResult::Describe() const {
  if (!transport_error.empty()) return transport_error;
  return "HTTP status " + std::to_string(status);
}

std::string ValidateClientOptions(const ClientOptions& options) {
  if (options.base_url.rfind("http://", 0) != 0 && options.base_url.rfind("https://", 0) != 0)
    return "Kong Admin API URL '" + options.base_url + "' must start with http:// or https://";
  for (const auto& header : options.extra_headers) {
    const auto colon = header.find(':');
    if (colon == std::string::npos || colon == 0)
      return "invalid Kong Admin API header '" + header + "': expected name:value";
  }
  const bool has_cert = !options.client_cert_file.empty() || !options.client_cert_pem.empty();
  const bool has_key = !options.client_key_file.empty() || !options.client_key_pem.empty();
  if (has_cert != has_key) return "client certificate and client key must be given together";
  return "";
}

HttpExchange::HttpExchange(const ClientOptions& options, std::string_view method,
                           std::string_view path_and_query, std::string_view body)
    : single_piece_(body), body_pieces_(&single_piece_, 1) {
  Init(options, method, path_and_query);
}

HttpExchange::HttpExchange(const ClientOptions& options, std::string_view method,
                           std::string_view path_and_query, std::span<const std::string_view> body_pieces)
    : body_pieces_(body_pieces) {
  Init(options, method, path_and_query);
}

void HttpExchange::Init(const ClientOptions& options, std::string_view method,
                        std::string_view path_and_query) {
  EnsureCurlInitialized();
  easy_.reset(curl_easy_init());
  setup_error_ = ValidateClientOptions(options);
  if (!easy_) setup_error_ = "curl_easy_init failed";
  if (setup_error_.empty()) Setup(options, method, path_and_query);
}

void HttpExchange::Setup(const ClientOptions& options, std::string_view method,
                         std::string_view path_and_query) {
  CURL* easy = easy_.get();
  url_ = options.base_url;
  while (!url_.empty() && url_.back() == '/') url_.pop_back();
  url_.append(path_and_query);

  const bool https = url_.rfind("https://", 0) == 0;
  if (https && !options.tls_server_name.empty()) {
    const std::string entry = RewriteForServerName(url_, options.tls_server_name, setup_error_);
    if (!setup_error_.empty()) return;
    connect_to_.reset(curl_slist_append(nullptr, entry.c_str()));
    curl_easy_setopt(easy, CURLOPT_CONNECT_TO, connect_to_.get());
  }

  curl_easy_setopt(easy, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.request_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &HttpExchange::OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &HttpExchange::OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);

  if (method == "POST" && body_pieces_.size() == 1) {
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body_pieces_[0].data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_pieces_[0].size()));
  } else if (method == "POST") {
    // The body is read piece by piece; curl may rewind it to resend on a new connection.
    size_t size = 0;
    for (const auto piece : body_pieces_) size += piece.size();
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_READFUNCTION, &HttpExchange::OnRead);
    curl_easy_setopt(easy, CURLOPT_READDATA, this);
    curl_easy_setopt(easy, CURLOPT_SEEKFUNCTION, &HttpExchange::OnSeek);
    curl_easy_setopt(easy, CURLOPT_SEEKDATA, this);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(size));
  } else if (method != "GET") {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, std::string(method).c_str());
  }

  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json");
  if (method == "POST") {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    // Without this curl waits up to 1 s for "100 Continue" before sending bodies over 1 MB.
    headers = curl_slist_append(headers, "Expect:");
  }
  if (!options.admin_token.empty())
    headers = curl_slist_append(headers, ("Kong-Admin-Token: " + options.admin_token).c_str());
  for (const auto& header : options.extra_headers) {
    const auto colon = header.find(':');
    std::string value = header.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    headers = curl_slist_append(headers, (header.substr(0, colon) + ": " + value).c_str());
  }
  headers_.reset(headers);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers_.get());

  if (https) {
    if (options.skip_verify) {
      curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (!options.ca_pem.empty()) {
      SetBlob(easy, CURLOPT_CAINFO_BLOB, options.ca_pem);
    } else if (!options.ca_file.empty()) {
      curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());
    }
    if (!options.client_cert_pem.empty()) {
      SetBlob(easy, CURLOPT_SSLCERT_BLOB, options.client_cert_pem);
      curl_easy_setopt(easy, CURLOPT_SSLCERTTYPE, "PEM");
    } else if (!options.client_cert_file.empty()) {
      curl_easy_setopt(easy, CURLOPT_SSLCERT, options.client_cert_file.c_str());
    }
    if (!options.client_key_pem.empty()) {
      SetBlob(easy, CURLOPT_SSLKEY_BLOB, options.client_key_pem);
      curl_easy_setopt(easy, CURLOPT_SSLKEYTYPE, "PEM");
    } else if (!options.client_key_file.empty()) {
      curl_easy_setopt(easy, CURLOPT_SSLKEY, options.client_key_file.c_str());
    }
  }
  started_ = std::chrono::steady_clock::now();
}

size_t HttpExchange::OnRead(char* buffer, size_t size, size_t count, void* self) {
  auto* exchange = static_cast<HttpExchange*>(self);
  const size_t capacity = size * count;
  size_t written = 0;
  while (written < capacity && exchange->read_piece_ < exchange->body_pieces_.size()) {
    const std::string_view piece = exchange->body_pieces_[exchange->read_piece_];
    const size_t n = std::min(capacity - written, piece.size() - exchange->read_offset_);
    std::memcpy(buffer + written, piece.data() + exchange->read_offset_, n);
    written += n;
    exchange->read_offset_ += n;
    if (exchange->read_offset_ == piece.size()) {
      ++exchange->read_piece_;
      exchange->read_offset_ = 0;
    }
  }
  return written;
}

int HttpExchange::OnSeek(void* self, curl_off_t offset, int origin) {
  auto* exchange = static_cast<HttpExchange*>(self);
  if (origin != SEEK_SET || offset < 0) return CURL_SEEKFUNC_CANTSEEK;
  auto remaining = static_cast<size_t>(offset);
  exchange->read_piece_ = 0;
  exchange->read_offset_ = 0;
  while (exchange->read_piece_ < exchange->body_pieces_.size() &&
         remaining >= exchange->body_pieces_[exchange->read_piece_].size()) {
    remaining -= exchange->body_pieces_[exchange->read_piece_].size();
    ++exchange->read_piece_;
  }
  if (exchange->read_piece_ == exchange->body_pieces_.size() && remaining > 0) return CURL_SEEKFUNC_FAIL;
  exchange->read_offset_ = remaining;
  return CURL_SEEKFUNC_OK;
}

size_t HttpExchange::OnBody(char* data, size_t size, size_t count, void* self) {
  auto* exchange = static_cast<HttpExchange*>(self);
  if (exchange->discard_success_body_) {
    long status = 0;
    curl_easy_getinfo(exchange->easy_.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300) return size * count;
  }
  exchange->body_.append(data, size * count);
  return size * count;
}

size_t HttpExchange::OnHeader(char* data, size_t size, size_t count, void* self) {
  const std::string_view line(data, size * count);
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (line.size() > kRetryAfter.size()) {
    std::string name(line.substr(0, kRetryAfter.size()));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name == kRetryAfter) {
      std::string value(line.substr(kRetryAfter.size()));
      value.erase(0, value.find_first_not_of(' '));
      static_cast<HttpExchange*>(self)->retry_after_ = TrimRight(value);
    }
  }
  return size * count;
}

HttpResult HttpExchange::Perform() {
  if (!setup_error_.empty()) return Complete(CURLE_FAILED_INIT);
  started_ = std::chrono::steady_clock::now();
  return Complete(curl_easy_perform(easy_.get()));
}

HttpResult HttpExchange::Complete(CURLcode code) {
  HttpResult result;
  result.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
  if (!setup_error_.empty()) {
    result.transport_error = setup_error_;
    return result;
  }
  if (code != CURLE_OK) {
    result.transport_error = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(code);
    return result;
  }
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &result.status);
  result.body = std::move(body_);
  result.retry_after = std::move(retry_after_);
  return result;
}

}  // namespace kic::kong::admin
