#include "translate/rewrite.h"

#include "translate/annotations.h"
#include "translate/tags.h"

namespace kic::translate {
namespace {

constexpr std::string_view kRewriteAnnotation = "konghq.com/rewrite";

// "$1" -> "$(uri_captures[1])", "\$" -> "$"; a '$' not followed by a digit is an error.
bool ConvertRewrite(std::string_view in, std::string& out, std::string& error) {
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '\\' && i + 1 < in.size() && in[i + 1] == '$') {
      out += '$';
      ++i;
    } else if (c == '$') {
      size_t j = i + 1;
      while (j < in.size() && in[j] >= '0' && in[j] <= '9') ++j;
      if (j == i + 1) {
        error = "'$' must be followed by a capture group number (write \\$ for a literal '$')";
        return false;
      }
      out += "$(uri_captures[" + std::string(in.substr(i + 1, j - i - 1)) + "])";
      i = j - 1;
    } else {
      out += c;
    }
  }
  return true;
}

}  // namespace

void ApplyRewrite(RouteDraft& draft, Context& ctx) {
  if (draft.source.kind != kube::Ingress::kKind) return;  // an Ingress-only annotation
  const auto* value = draft.source.meta->annotations.Find(kRewriteAnnotation);
  if (!value) return;
  const std::string& object = draft.source.ref;
  if (!ctx.options.flags.rewrite_uris) {
    ctx.Report(object, AnnotationField(kRewriteAnnotation),
               "konghq.com/rewrite needs the RewriteURIs feature gate (--feature-gates=RewriteURIs=true)");
    return;
  }
  std::string uri, error;
  if (!ConvertRewrite(*value, uri, error)) {
    ctx.Report(object, AnnotationField(kRewriteAnnotation), error);
    return;
  }
  kong::Plugin plugin;
  plugin.name = "request-transformer";
  plugin.config = {{"replace", {{"uri", uri}}}};
  plugin.tags = draft.route.tags;
  draft.route.plugins.push_back(std::move(plugin));
}

}  // namespace kic::translate
