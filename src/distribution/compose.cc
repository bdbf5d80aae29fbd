#include "distribution/compose.h"

#include "text/html_escape.h"
#include "text/sentences.h"
#include "text/utf8.h"

namespace pol::distribution {

using text::EscapeHtml;

namespace {

constexpr std::string_view kMore = "متن کامل خبر";
constexpr std::string_view kEllipsis = "…";

// Cuts `s` to at most `budget` UTF-16 units at the last space.
std::string CutAtWord(std::string_view s, size_t budget) {
  size_t used = 0, i = 0, last_space = 0;
  while (i < s.size()) {
    size_t len = 1;
    char32_t cp = text::DecodeUtf8(s, i, &len);
    size_t units = cp > 0xFFFF ? 2 : 1;
    if (used + units > budget) break;
    used += units;
    i += len;
    if (cp == U' ' || cp == U'\n') last_space = i;
  }
  if (i >= s.size()) return std::string(s);
  std::string out(s.substr(0, last_space ? last_space : i));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

}  // namespace

size_t Utf16Length(std::string_view s) {
  size_t n = 0, i = 0;
  while (i < s.size()) {
    size_t len = 1;
    char32_t cp = text::DecodeUtf8(s, i, &len);
    n += cp > 0xFFFF ? 2 : 1;
    i += len ? len : 1;
  }
  return n;
}

ComposedMessage ComposeMessenger(const ReleaseContent& c, size_t limit, bool html) {
  // Head (over-title, title) and tail (link) are fixed; the body takes what is left.
  std::string head_visible, head;
  if (!c.over_title.empty()) {
    head_visible += c.over_title + "\n";
    head += html ? "<b>" + EscapeHtml(c.over_title) + "</b>\n" : c.over_title + "\n";
  }
  head_visible += c.title;
  head += html ? "<b>" + EscapeHtml(c.title) + "</b>" : c.title;
  std::string tail_visible, tail;
  if (!c.article_url.empty()) {
    if (html) {
      tail_visible = "\n\n" + std::string(kMore);
      tail = "\n\n<a href=\"" + EscapeHtml(c.article_url) + "\">" + std::string(kMore) + "</a>";
    } else {
      tail_visible = tail = "\n\n" + std::string(kMore) + ": " + c.article_url;
    }
  }
  const size_t fixed = Utf16Length(head_visible) + Utf16Length(tail_visible);
  std::vector<std::string_view> sentences;
  std::string joined;  // lead, then body (paragraphs kept)
  if (!c.lead.empty()) joined = c.lead;
  if (!c.body_text.empty()) joined += (joined.empty() ? "" : "\n") + c.body_text;

  ComposedMessage out;
  std::string body;                                           // visible text of the body
  size_t budget = limit > fixed + 2 ? limit - fixed - 2 : 0;  // "\n\n" between head and body
  if (!joined.empty() && budget > 0) {
    if (Utf16Length(joined) <= budget) {
      body = joined;
    } else {
      out.cut = true;
      const size_t ell = Utf16Length(kEllipsis) + 1;
      size_t room = budget > ell ? budget - ell : 0;
      // Paragraph by paragraph, sentence by sentence, while they fit.
      size_t used = 0;
      bool stop = false;
      size_t p = 0;
      while (!stop && p < joined.size()) {
        size_t q = joined.find('\n', p);
        if (q == std::string::npos) q = joined.size();
        std::string_view para(joined.data() + p, q - p);
        bool first_in_para = true;
        for (std::string_view s : text::SplitSentences(para)) {
          std::string sep = body.empty() ? "" : (first_in_para ? "\n" : " ");
          size_t need = Utf16Length(sep) + Utf16Length(s);
          if (used + need > room) {
            if (body.empty()) body = CutAtWord(s, room);  // one sentence longer than the room
            stop = true;
            break;
          }
          body += sep;
          body += s;
          used += need;
          first_in_para = false;
        }
        p = q + 1;
      }
      if (!body.empty()) body += " " + std::string(kEllipsis);
    }
  }
  if (html) {
    out.text = head + (body.empty() ? "" : "\n\n" + EscapeHtml(body)) + tail;
  } else {
    out.text = head + (body.empty() ? "" : "\n\n" + body) + tail;
  }
  out.visible =
      Utf16Length(head_visible) + (body.empty() ? 0 : 2 + Utf16Length(body)) + Utf16Length(tail_visible);
  if (out.visible > limit) {
    // Only the title and link remain and still too long (a title near the caption limit): cut the title.
    std::string t =
        CutAtWord(c.title, limit > Utf16Length(tail_visible) + 2 ? limit - Utf16Length(tail_visible) - 2 : 1);
    out.text = (html ? "<b>" + EscapeHtml(t) + " …</b>" : t + " …") + tail;
    out.visible = Utf16Length(t) + 2 + Utf16Length(tail_visible);
    out.cut = true;
  }
  return out;
}

ComposedMail ComposeMail(const ReleaseContent& c, std::string_view unsubscribe_url) {
  ComposedMail m;
  m.subject = c.title;
  std::string& t = m.text;
  if (!c.agency_name.empty()) t += c.agency_name + "\n\n";
  if (!c.over_title.empty()) t += c.over_title + "\n";
  t += c.title + "\n\n";
  if (!c.lead.empty()) t += c.lead + "\n\n";
  if (!c.body_text.empty()) t += c.body_text + "\n\n";
  for (const auto& u : c.photo_urls) t += "عکس: " + u + "\n";
  if (!c.article_url.empty()) t += "متن کامل خبر: " + c.article_url + "\n";
  if (!unsubscribe_url.empty()) t += "\n--\nلغو اشتراک خبرنامه: " + std::string(unsubscribe_url) + "\n";

  std::string& h = m.html;
  h += "<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>" +
       EscapeHtml(c.title) +
       "</title></head>\n<body dir=\"rtl\" style=\"font-family:Vazirmatn,Tahoma,sans-serif;direction:rtl;"
       "text-align:right;line-height:1.9\">\n";
  if (!c.agency_name.empty()) h += "<p style=\"color:#555\">" + EscapeHtml(c.agency_name) + "</p>\n";
  if (!c.over_title.empty()) h += "<p style=\"color:#777\">" + EscapeHtml(c.over_title) + "</p>\n";
  h += "<h1 style=\"font-size:1.4em\">" + EscapeHtml(c.title) + "</h1>\n";
  if (!c.lead.empty()) h += "<p><strong>" + EscapeHtml(c.lead) + "</strong></p>\n";
  for (const auto& u : c.photo_urls) {
    h += "<p><a href=\"" + EscapeHtml(u) + "\"><img src=\"" + EscapeHtml(u) +
         "\" alt=\"\" style=\"max-width:100%\"></a></p>\n";
  }
  size_t p = 0;
  while (p < c.body_text.size()) {
    size_t q = c.body_text.find('\n', p);
    if (q == std::string::npos) q = c.body_text.size();
    if (q > p) h += "<p>" + EscapeHtml(std::string_view(c.body_text).substr(p, q - p)) + "</p>\n";
    p = q + 1;
  }
  if (!c.article_url.empty()) {
    h += "<p><a href=\"" + EscapeHtml(c.article_url) + "\">متن کامل خبر در پایگاه خبری</a></p>\n";
  }
  if (!unsubscribe_url.empty()) {
    h +=
        "<hr><p style=\"font-size:.85em;color:#777\">این خبرنامه برای خبرنگاران فرستاده می‌شود. <a href=\"" +
        EscapeHtml(unsubscribe_url) + "\">لغو اشتراک</a></p>\n";
  }
  h += "</body></html>\n";
  return m;
}

}  // namespace pol::distribution
