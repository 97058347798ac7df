#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kic {

std::string_view TrimSpace(std::string_view s);
std::string_view TrimChars(std::string_view s, std::string_view chars);
std::string_view TrimLeftChars(std::string_view s, std::string_view chars);
// Splits on `sep`; keeps empty pieces (as Go's strings.Split does).
std::vector<std::string> Split(std::string_view s, std::string_view sep);
std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
bool EqualFold(std::string_view a, std::string_view b);
// Go strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
std::optional<bool> ParseGoBool(std::string_view s);
// A whole decimal integer, optionally signed; nothing else accepted.
std::optional<long long> ParseInt(std::string_view s);
std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// Standard base64 (with padding; embedded newlines and spaces ignored, as Kubernetes' decoder does).
std::optional<std::string> Base64Decode(std::string_view in);
std::string Base64Encode(std::string_view in);

using Sha256Digest = std::array<unsigned char, 32>;
Sha256Digest Sha256(std::string_view data);
// The digest of the parts written one after another.
Sha256Digest Sha256(std::span<const std::string_view> parts);
// Lower-case hex of `bytes`.
std::string HexOf(std::span<const unsigned char> bytes);
// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace kic
