#include "http/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <brotli/decode.h>

#include "http/pipeline.h"
#include "http/router.h"

namespace pol::http {
namespace {

std::string Gunzip(const std::string& in) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

std::string PageBody() {
  std::string body = "<!doctype html><html lang=\"fa\"><body>";
  for (int i = 0; i < 200; ++i) body += "<p>خبر تازهٔ شورای روابط عمومی شمارهٔ " + std::to_string(i) + "</p>";
  return body + "</body></html>";
}

Request Get(std::string accept) {
  Request req;
  req.method = bhttp::verb::get;
  if (!accept.empty()) req.headers.set(bhttp::field::accept_encoding, accept);
  return req;
}

Response Html(std::string body) { return Response::Text(std::move(body), "text/html; charset=utf-8"); }

std::string HeaderOf(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(Negotiate, PrefersBrotliAndHonoursQZero) {
  EXPECT_EQ(NegotiateEncoding("gzip, deflate, br"), Encoding::kBrotli);
  EXPECT_EQ(NegotiateEncoding("gzip"), Encoding::kGzip);
  EXPECT_EQ(NegotiateEncoding("br;q=0, gzip;q=0.5"), Encoding::kGzip);
  EXPECT_EQ(NegotiateEncoding("br;q=0, gzip;q=0"), Encoding::kIdentity);
  EXPECT_EQ(NegotiateEncoding("identity"), Encoding::kIdentity);
  EXPECT_EQ(NegotiateEncoding(""), Encoding::kIdentity);
  EXPECT_EQ(NegotiateEncoding("*"), Encoding::kBrotli);
  EXPECT_EQ(NegotiateEncoding("*, br;q=0"), Encoding::kGzip);
}

TEST(Compress, BrotliRoundTripsAndSetsHeaders) {
  const std::string body = PageBody();
  Response r = Html(body);
  r.With("ETag", "\"abc\"");
  CompressResponse(Get("gzip, br"), r, "");
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "br");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(HeaderOf(r, "ETag"), "\"abc-br\"");
  ASSERT_LT(r.body.size(), body.size() / 3);
  std::string out(body.size(), '\0');
  size_t out_size = out.size();
  ASSERT_EQ(BrotliDecoderDecompress(r.body.size(), reinterpret_cast<const uint8_t*>(r.body.data()), &out_size,
                                    reinterpret_cast<uint8_t*>(out.data())),
            BROTLI_DECODER_RESULT_SUCCESS);
  out.resize(out_size);
  EXPECT_EQ(out, body);
}

TEST(Compress, GzipRoundTrips) {
  const std::string body = PageBody();
  Response r = Html(body);
  CompressResponse(Get("gzip"), r, "");
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(Gunzip(r.body), body);
}

TEST(Compress, LeavesTinyBinaryAndUnacceptedBodiesAlone) {
  Response tiny = Html("<p>سلام</p>");
  CompressResponse(Get("br"), tiny, "");
  EXPECT_EQ(HeaderOf(tiny, "Content-Encoding"), "");
  EXPECT_EQ(HeaderOf(tiny, "Vary"), "Accept-Encoding")
      << "still varies: a bigger version would be compressed";
  Response jpeg = Response::Text(std::string(50000, 'x'), "image/jpeg");
  CompressResponse(Get("br"), jpeg, "");
  EXPECT_EQ(HeaderOf(jpeg, "Content-Encoding"), "");
  EXPECT_EQ(jpeg.body.size(), 50000u);
  Response plain = Html(PageBody());
  CompressResponse(Get(""), plain, "");
  EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), "");
  EXPECT_EQ(plain.body, PageBody());
}

TEST(Compress, RefusesBreachProneAnswers) {
  const std::string token = "csrf-0123456789abcdef";
  Response with_token = Response::MakeJson({{"csrf_token", token}, {"pad", std::string(4000, 'a')}});
  CompressResponse(Get("br"), with_token, token);
  EXPECT_EQ(HeaderOf(with_token, "Content-Encoding"), "") << "the session's CSRF token is in the body";
  Response login = Response::MakeJson({{"pad", std::string(4000, 'a')}});
  login.With("Set-Cookie", "pol_session=secret; HttpOnly");
  CompressResponse(Get("br"), login, "");
  EXPECT_EQ(HeaderOf(login, "Content-Encoding"), "") << "a response that sets a cookie";
  Response other = Response::MakeJson({{"pad", std::string(4000, 'a')}});
  CompressResponse(Get("br"), other, token);
  EXPECT_EQ(HeaderOf(other, "Content-Encoding"), "br") << "the same session's other answers are compressed";
}

// Two different bodies under the same tag (a version number two resources share) never get each
// other's compressed bytes.
TEST(Compress, SameTagDifferentBodiesStayApart) {
  std::string a = PageBody(), b = PageBody() + "<p>دیگر</p>";
  Response ra = Html(a), rb = Html(b);
  ra.With("ETag", "\"3\"");
  rb.With("ETag", "\"3\"");
  CompressResponse(Get("gzip"), ra, "");
  CompressResponse(Get("gzip"), rb, "");
  EXPECT_EQ(Gunzip(ra.body), a);
  EXPECT_EQ(Gunzip(rb.body), b);
}

TEST(Compress, StripsOnlyTheNegotiatedSuffix) {
  EXPECT_EQ(StripEncodingSuffix("\"abc-br\"", Encoding::kBrotli), "\"abc\"");
  EXPECT_EQ(StripEncodingSuffix("W/\"abc-gz\", \"x-br\"", Encoding::kGzip), "W/\"abc\", \"x-br\"");
  EXPECT_EQ(StripEncodingSuffix("\"abc\"", Encoding::kBrotli), "\"abc\"");
}

// Through the pipeline: a compressed answer's tag comes back on If-None-Match and gets a 304 that
// names the same tag; a plain client's tag is the plain one.
TEST(Compress, PipelineRevalidatesCompressedTags) {
  Router router;
  const std::string body = PageBody();
  router.Add(bhttp::verb::get, "/page", Access::kPublic, [&](Request& req) {
    Response r = Html(body);
    r.With("ETag", "\"v1\"");
    if (req.Header("If-None-Match") == "\"v1\"") {
      r.status = 304;
      r.body.clear();
    }
    return r;
  });
  Pipeline pipeline(&router, nullptr);
  std::string route;
  Request first = Get("br, gzip");
  first.path = "/page";
  Response r1 = pipeline.Handle(first, route);
  ASSERT_EQ(r1.status, 200);
  EXPECT_EQ(HeaderOf(r1, "ETag"), "\"v1-br\"");
  Request again = Get("br, gzip");
  again.path = "/page";
  again.headers.set(bhttp::field::if_none_match, "\"v1-br\"");
  Response r2 = pipeline.Handle(again, route);
  EXPECT_EQ(r2.status, 304);
  EXPECT_EQ(HeaderOf(r2, "ETag"), "\"v1-br\"");
  Request plain = Get("");
  plain.path = "/page";
  plain.headers.set(bhttp::field::if_none_match, "\"v1-br\"");
  EXPECT_EQ(pipeline.Handle(plain, route).status, 200) << "a client that no longer accepts br gets the body";
}

TEST(Compress, UnknownPublicPathsGetTheHtmlPageApiPathsJson) {
  Router router;
  router.Add(bhttp::verb::get, "/.not-found", Access::kPublic,
             [](Request&) { return Response::Text("<h1>پیدا نشد</h1>", "text/html; charset=utf-8", 404); });
  Pipeline pipeline(&router, nullptr);
  std::string route;
  Request page = Get("");
  page.path = "/no/such/page";
  Response r = pipeline.Handle(page, route);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  Request api = Get("");
  api.path = "/api/v1/nothing";
  Response j = pipeline.Handle(api, route);
  EXPECT_EQ(j.status, 404);
  EXPECT_NE(j.content_type.find("json"), std::string::npos);
  Request post = Get("");
  post.method = bhttp::verb::post;
  post.path = "/no/such/page";
  EXPECT_NE(pipeline.Handle(post, route).content_type.find("json"), std::string::npos);
}

}  // namespace
}  // namespace pol::http
