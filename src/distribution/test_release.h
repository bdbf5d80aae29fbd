// For tests only: a release of `sentences` body sentences, to compose and send.
#pragma once

#include <string>

#include "distribution/compose.h"

namespace pol::distribution {

inline ReleaseContent LongRelease(int sentences) {
  ReleaseContent c;
  c.release_id = 7;
  c.over_title = "شورای هماهنگی";
  c.title = "برگزاری همایش روز ملی تعاون در قزوین";
  c.lead =
      "همایش روز ملی تعاون با حضور مدیران دستگاه‌ها برگزار شد.";
  for (int i = 0; i < sentences; ++i) {
    c.body_text +=
        "این جملهٔ شمارهٔ " + std::to_string(i + 1) +
        " از متن خبر است که دربارهٔ تعاونی‌ها توضیح می‌دهد. ";
  }
  c.article_url = "https://news.example.ir/news/7";
  return c;
}

}  // namespace pol::distribution
