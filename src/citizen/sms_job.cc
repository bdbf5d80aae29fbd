// The citizens' jobs on the durable queue: "citizen.sms" sends the messages that must arrive (the
// tracking code after verification, news of a reply or a closing) and "citizen.retrain" retrains a
// council's routing model after staff decisions.
#include "citizen/requests.h"
#include "text/number_words.h"

namespace pol::citizen {

using nlohmann::json;
using store::CitizenRequest;
using store::Conn;

namespace {

// The text of message `kind`; "" for an unknown kind. The tracking code is written in Persian digits
// (the portal and the bots accept any digits back); the one-time code of requests_otp.cc stays in
// Latin digits, which phones offer to fill in automatically.
std::string SmsText(const std::string& kind, const std::string& latin_code) {
  const std::string code = text::ToPersianDigits(latin_code);
  if (kind == "tracking") return "درخواست شما در سامانهٔ شورا ثبت شد. کد رهگیری: " + code;
  if (kind == "reply") return "به درخواست " + code + " پاسخ داده شد. پاسخ را در صفحهٔ پیگیری ببینید.";
  if (kind == "closed") {
    return "درخواست " + code + " بسته شد. لطفاً در صفحهٔ پیگیری میزان رضایت خود را ثبت کنید.";
  }
  return "";
}

}  // namespace

Status RequestService::SendRequestSms(int64_t id, const std::string& kind) {
  if (!sms_) return Status::Ok();
  std::optional<CitizenRequest> r;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto x, store::GetCitizenRequest(c, id));
    if (x && !x->erased && !x->mobile.empty()) r = std::move(x);
    return Status::Ok();
  }));
  if (!r) return Status::Ok();
  const std::string text = SmsText(kind, r->tracking_code);
  if (text.empty()) return jobs::PermanentError("unknown sms kind " + kind);
  // Durable messages are sent by the job itself, so a failure is retried by the queue; a refusal by the
  // gateway (bad number, no credit) is permanent.
  Status s = sms_->Send(r->mobile, text);
  if (!s.ok() && s.code() == StatusCode::kInvalidArgument) return jobs::PermanentError(s.ToString());
  return s;
}

Status RegisterCitizenJobs(jobs::WorkerPool& pool, RequestService* service) {
  POL_RETURN_IF_ERROR(
      pool.Register(kSmsJobKind, [service](const jobs::Job& job, jobs::JobContext&) -> Status {
        json p = json::parse(job.payload_json, nullptr, false);
        if (!p.is_object() || !p.contains("request_id") || !p.contains("kind")) {
          return jobs::PermanentError("bad payload");
        }
        return service->SendRequestSms(p["request_id"].get<int64_t>(), p["kind"].get<std::string>());
      }));
  return pool.Register(kRetrainJobKind, [service](const jobs::Job& job, jobs::JobContext&) -> Status {
    json p = json::parse(job.payload_json, nullptr, false);
    if (!p.is_object() || !p.contains("council_id")) return jobs::PermanentError("bad payload");
    return service->TrainCouncil(p["council_id"].get<int64_t>(), ParseLabelledSet(ShippedLabelledSet()))
        .status();
  });
}

}  // namespace pol::citizen
