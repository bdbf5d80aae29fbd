#include "citizen/form.h"

#include <gtest/gtest.h>

#include <string>

namespace pol::citizen {
namespace {

TEST(Form, ParsesUrlencodedAndMultipart) {
  auto f = ParseForm("application/x-www-form-urlencoded", "a=1&subject=%D8%B3%D9%84%D8%A7%D9%85+x&empty=");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->Get("subject"), "سلام x");
  EXPECT_EQ(f->Get("empty"), "");
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nline1\r\nline2\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"a.png\"\r\n"
      "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1A\nDATA\r\n--XyZ--\r\n";
  auto m = ParseForm("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->Get("text"), "line1\r\nline2");
  ASSERT_EQ(m->files.size(), 1u);
  EXPECT_EQ(m->files[0].filename, "a.png");
  EXPECT_EQ(m->files[0].data, std::string("\x89PNG\r\n\x1A\nDATA"));
  EXPECT_FALSE(ParseForm("multipart/form-data; boundary=XyZ", "--XyZ\r\nbroken").ok());
  EXPECT_FALSE(ParseForm("application/x-www-form-urlencoded", "a=%zz").ok());
}

// Found by the form fuzzer: a urlencoded body had no cap on its fields (multipart had 50).
TEST(Form, UrlencodedFieldsAreCappedLikeMultipartParts) {
  std::string fifty, fifty_one;
  for (int i = 0; i < 51; ++i) {
    std::string pair = (i ? "&f" : "f") + std::to_string(i) + "=x";
    if (i < 50) fifty += pair;
    fifty_one += pair;
  }
  auto ok = ParseForm("application/x-www-form-urlencoded", fifty);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->fields.size(), 50u);
  EXPECT_FALSE(ParseForm("application/x-www-form-urlencoded", fifty_one).ok());
}

}  // namespace
}  // namespace pol::citizen
