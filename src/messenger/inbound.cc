// MessengerService: an update in → the conversation → its action → one transaction (state, replies as
// jobs, handled id, offset; with the request itself when one is filed).
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "messenger/bot_api.h"
#include "messenger/bots.h"
#include "messenger/staff_link_code.h"
#include "store/council_repo.h"

namespace pol::messenger {

using nlohmann::json;
using store::Conn;
using store::MessengerBot;
using store::MessengerChat;

namespace {

constexpr int64_t kMinute = 60 * 1000;

std::string IdText(const json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_string()) return v.get<std::string>();
  return "";
}

// The chat, the sender and what they sent; false for updates the bot ignores (edits, channel posts…).
bool Parse(const json& u, std::string& chat_id, std::string& name, Incoming& in, std::string& callback_id) {
  if (u.contains("callback_query") && u["callback_query"].is_object()) {
    const json& q = u["callback_query"];
    if (!q.contains("message") || !q["message"].is_object() || !q["message"].contains("chat")) return false;
    chat_id = IdText(q["message"]["chat"].value("id", json()));
    callback_id = IdText(q.value("id", json()));
    in.kind = Incoming::Kind::kCallback;
    in.callback_data = q.value("data", "");
    return !chat_id.empty();
  }
  if (!u.contains("message") || !u["message"].is_object()) return false;
  const json& m = u["message"];
  if (!m.contains("chat") || !m["chat"].is_object()) return false;
  chat_id = IdText(m["chat"].value("id", json()));
  if (chat_id.empty() || m["chat"].value("type", "private") != "private") return false;
  const json from = m.value("from", json::object());
  name = from.value("first_name", "");
  const std::string last = from.value("last_name", "");
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  if (m.contains("text") && m["text"].is_string()) {
    in.kind = Incoming::Kind::kText;
    in.text = m["text"].get<std::string>();
  } else if (m.contains("contact") && m["contact"].is_object()) {
    in.kind = Incoming::Kind::kContact;
    in.contact_phone = m["contact"].value("phone_number", "");
    const std::string owner = IdText(m["contact"].value("user_id", json()));
    in.contact_own = !owner.empty() && owner == IdText(from.value("id", json()));
  } else if (m.contains("photo") && m["photo"].is_array() && !m["photo"].empty()) {
    const json& largest = m["photo"].back();
    in.kind = Incoming::Kind::kPhoto;
    in.file_id = largest.value("file_id", "");
    in.file_size = largest.value("file_size", int64_t{0});
    in.text = m.value("caption", "");
  } else {
    in.kind = Incoming::Kind::kOther;  // stickers, voice, documents, locations…
  }
  return true;
}

// The first line of the text, at most 60 characters: the request's subject.
std::string SubjectOf(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  size_t chars = 0, i = 0;
  for (; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 && ++chars > 60) break;
  }
  line = line.substr(0, i);
  return line.empty() ? "درخواست از پیام‌رسان" : line;
}

}  // namespace

Status MessengerService::EnqueueReplies(Conn& c, int64_t bot_id, const std::string& chat_id,
                                        const std::vector<Reply>& replies, int64_t now) {
  // Sent in order: each reply waits a little longer than the one before (the queue runs by run_at).
  int64_t i = 0;
  for (const Reply& r : replies) {
    json body{{"chat_id", chat_id}, {"text", r.text}};
    if (!r.reply_markup.is_null()) body["reply_markup"] = r.reply_markup;
    POL_RETURN_IF_ERROR(queue_
                            ->EnqueueIn(c, {.queue = kQueue,
                                            .kind = kSendJobKind,
                                            .payload_json = json{{"bot_id", bot_id},
                                                                 {"chat_id", chat_id},
                                                                 {"method", "sendMessage"},
                                                                 {"body", body}}
                                                                .dump(),
                                            .run_at = now + i++})
                            .status());
  }
  return Status::Ok();
}

Status MessengerService::AnswerCallback(Conn& c, int64_t bot_id, const std::string& chat_id,
                                        const std::string& callback_id) {
  return queue_
      ->EnqueueIn(c, {.queue = kQueue,
                      .kind = kSendJobKind,
                      .payload_json = json{{"bot_id", bot_id},
                                           {"chat_id", chat_id},
                                           {"method", "answerCallbackQuery"},
                                           {"body", {{"callback_query_id", callback_id}}}}
                                          .dump(),
                      .dedup_key = "messenger.cbq:" + std::to_string(bot_id) + ":" + callback_id})
      .status();
}

Status MessengerService::Commit(Conn& c, const MessengerBot& bot, int64_t update_id, bool advance_offset,
                                const MessengerChat& chat, const std::vector<Reply>& replies, int64_t now) {
  POL_ASSIGN_OR_RETURN(bool fresh, store::MarkUpdateHandled(c, bot.id, update_id, now));
  if (advance_offset) POL_RETURN_IF_ERROR(store::AdvancePollOffset(c, bot.id, update_id + 1));
  if (!fresh) return Status::Ok();  // handled before (a webhook retry): nothing again
  if (!chat.chat_id.empty()) {
    POL_RETURN_IF_ERROR(store::SaveMessengerChat(c, chat));
    POL_RETURN_IF_ERROR(EnqueueReplies(c, bot.id, chat.chat_id, replies, now));
  }
  return Status::Ok();
}

Status MessengerService::Defer(Batch* batch, std::function<Status(Conn&)> write, const MessengerChat* chat) {
  if (!batch) return db_->Write(write);
  batch->writes.push_back(std::move(write));
  if (chat && !chat->chat_id.empty()) batch->chats[chat->chat_id] = *chat;
  return Status::Ok();
}

Status MessengerService::Flush(Batch* batch) {
  if (!batch || batch->writes.empty()) return Status::Ok();
  std::vector<std::function<Status(Conn&)>> writes = std::move(batch->writes);
  batch->writes.clear();
  batch->chats.clear();
  Status all = db_->Write([&](Conn& c) -> Status {
    for (auto& w : writes) POL_RETURN_IF_ERROR(w(c));
    return Status::Ok();
  });
  if (all.ok()) {
    batch->committed += static_cast<int64_t>(writes.size());
    return all;
  }
  // One update's write failed and took the page's transaction with it: commit them one by one, as if
  // handled alone, up to the one that fails (it and those after it come again in the next round).
  for (auto& w : writes) {
    POL_RETURN_IF_ERROR(db_->Write(w));
    ++batch->committed;
  }
  return Status::Ok();
}

Status MessengerService::HandleUpdate(const MessengerBot& bot, const json& update, bool advance_offset) {
  MutexLock lock(&handle_mu_);
  return Handle(bot, update, advance_offset, nullptr);
}

StatusOr<int64_t> MessengerService::HandleUpdates(const MessengerBot& bot, const json& updates) {
  if (!updates.is_array())
    return InvalidArgument("invalid_update", "به‌روزرسانی نامعتبر است.", "result");
  MutexLock lock(&handle_mu_);
  Batch batch;
  Status failed;
  for (const json& u : updates) {
    if (stopping_) break;
    failed = Handle(bot, u, true, &batch);
    if (!failed.ok()) break;
  }
  Status flushed = Flush(&batch);
  if (!failed.ok() || !flushed.ok()) {
    // Not committed: the offset stays at the last committed update; the rest come again.
    spdlog::warn("messenger: update of bot {} not handled yet: {}", bot.id,
                 (failed.ok() ? flushed : failed).ToString());
  }
  return batch.committed;
}

Status MessengerService::Handle(const MessengerBot& bot, const json& update, bool advance_offset,
                                Batch* batch) {
  if (!update.is_object() || !update.contains("update_id") || !update["update_id"].is_number_integer())
    return InvalidArgument("invalid_update", "به‌روزرسانی نامعتبر است.", "update_id");
  const int64_t update_id = update["update_id"].get<int64_t>();
  const int64_t now = env_->NowMillis();
  std::string chat_id, name, callback_id;
  Incoming in;
  const bool relevant = Parse(update, chat_id, name, in, callback_id);
  MessengerChat chat{.bot_id = bot.id, .chat_id = chat_id, .created_at = now, .updated_at = now};
  bool seen = false;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(seen, store::IsUpdateHandled(c, bot.id, update_id));
    if (seen || !relevant) return Status::Ok();
    POL_ASSIGN_OR_RETURN(auto stored, store::GetMessengerChat(c, bot.id, chat_id));
    if (stored) chat = *stored;
    return Status::Ok();
  }));
  if (batch) {
    // A state written earlier in this page and not committed yet is the chat's state.
    if (auto it = batch->chats.find(chat_id); it != batch->chats.end() && relevant) chat = it->second;
  }
  // The update's one write: its effect (the chat's state and replies; with a button press, the answer
  // that stops the client's spinner), the handled id and the offset.
  auto commit = [this, bot, update_id, advance_offset, now, callback_id](const MessengerChat& ch,
                                                                         std::vector<Reply> replies) {
    return [this, bot, update_id, advance_offset, now, callback_id, ch,
            replies = std::move(replies)](Conn& c) -> Status {
      if (!callback_id.empty()) POL_RETURN_IF_ERROR(AnswerCallback(c, bot.id, ch.chat_id, callback_id));
      return Commit(c, bot, update_id, advance_offset, ch, replies, now);
    };
  };
  if (seen || !relevant) {
    if (seen && !advance_offset) return Status::Ok();
    const MessengerChat none;
    return Defer(
        batch,
        [this, bot, update_id, advance_offset, now](Conn& c) {
          return Commit(c, bot, update_id, advance_offset, MessengerChat{}, {}, now);
        },
        &none);
  }
  chat.updated_at = now;
  chat.blocked = false;  // they wrote again: the bot was unblocked
  std::vector<Reply> replies;
  const std::string key = "chat:" + std::to_string(bot.id) + ":" + chat_id;
  if (Flooded(key, now, replies)) return Defer(batch, commit(chat, replies), &chat);
  // A staff member's link code (staff_chats.cc); the chat's conversation stays where it was.
  if (in.kind == Incoming::Kind::kText) {
    if (auto code = StaffLinkCodeIn(in.text))
      return LinkStaffChat(bot, update_id, advance_offset, chat, *code, batch);
  }
  ChatState state = ChatState::FromJson(chat.state, json::parse(chat.data, nullptr, false));
  if (in.kind == Incoming::Kind::kCallback &&
      (in.callback_data.starts_with("rate:") || in.callback_data.starts_with("reopen:"))) {
    POL_RETURN_IF_ERROR(Flush(batch));  // the rating writes through the citizens' service
    POL_ASSIGN_OR_RETURN(replies, HandleRequestButton(bot, chat_id, in.callback_data));
    return Defer(batch, commit(chat, replies), &chat);
  }
  ConversationOptions co{.welcome = bot.welcome,
                         .max_text_chars = options_.max_text_chars,
                         .max_photo_bytes = options_.max_photo_bytes};
  Step step = Advance(state, in, co);
  replies = step.replies;
  if (step.action == Action::kSubmit) {
    POL_RETURN_IF_ERROR(Flush(batch));  // the request commits in its own transaction
    if (!callback_id.empty()) {
      POL_RETURN_IF_ERROR(
          db_->Write([&](Conn& c) { return AnswerCallback(c, bot.id, chat_id, callback_id); }));
    }
    return Submit(bot, update_id, advance_offset, chat, step.next, name, batch);
  }
  if (step.action == Action::kStatus) {
    POL_RETURN_IF_ERROR(LookUpStatus(step.arg, "messenger:" + key, replies));
  } else if (step.action == Action::kVerifyOtp) {
    POL_RETURN_IF_ERROR(Flush(batch));  // the verification writes through the citizens' service
    POL_ASSIGN_OR_RETURN(bool verified, VerifyCode(state.tracking_code, step.arg, replies));
    if (verified) step.next = ChatState{};
  }
  chat.state = step.next.state;
  chat.data = step.next.ToJson().dump();
  return Defer(batch, commit(chat, replies), &chat);
}

bool MessengerService::Flooded(const std::string& key, int64_t now, std::vector<Reply>& replies) {
  if (options_.per_chat_per_minute <= 0 || limiter_.Allow(key, options_.per_chat_per_minute, kMinute, now))
    return false;
  // One notice a minute: counted and recorded at once (on several nodes, in one database write).
  if (limiter_.Allow("notice:" + key, 1, kMinute, now)) {
    replies.push_back(ErrorReply(
        "پیام‌های شما در این دقیقه زیاد بود؛ کمی صبر کنید و دوباره بفرستید."));
  }
  return true;
}

Status MessengerService::LookUpStatus(const std::string& code, const std::string& client_key,
                                      std::vector<Reply>& replies) {
  auto r = citizen_->PublicStatus(code, client_key);
  if (r.ok()) {
    replies.push_back(StatusReply(r->tracking_code, citizen::StateName(r->state), r->agency_name));
  } else if (r.status().code() == StatusCode::kNotFound) {
    replies.push_back(ErrorReply("درخواستی با این کد رهگیری پیدا نشد."));
  } else if (r.status().code() == StatusCode::kResourceExhausted) {
    replies.push_back(ErrorReply(r.status().message()));
  } else {
    return r.status();
  }
  return Status::Ok();
}

StatusOr<bool> MessengerService::VerifyCode(const std::string& tracking_code, const std::string& code,
                                            std::vector<Reply>& replies) {
  auto r = citizen_->Verify(tracking_code, code, "messenger");
  if (r.ok()) {
    replies.push_back(VerifiedReply(tracking_code));
    return true;
  }
  const StatusCode sc = r.status().code();
  if (sc == StatusCode::kInternal || sc == StatusCode::kUnavailable) return r.status();
  replies.push_back(ErrorReply(r.status().message()));  // a wrong or expired code: the citizen is told
  return false;
}

Status MessengerService::Submit(const MessengerBot& bot, int64_t update_id, bool advance_offset,
                                MessengerChat chat, const ChatState& state, const std::string& name,
                                Batch* batch) {
  const int64_t now = env_->NowMillis();
  citizen::SubmitInput in;
  in.type = state.type;
  for (const auto& p : state.parts) in.text += (in.text.empty() ? "" : "\n") + p;
  in.subject = SubjectOf(in.text);
  in.name = name.empty() ? "کاربر " + ChannelName(bot.kind) : name;
  in.mobile = state.mobile;
  in.national_code = state.national_code;
  in.ip = "messenger";
  in.known_client = true;  // one address for every chat: only the per-mobile limit applies
  in.mobile_verified = state.mobile_verified;
  in.channel = bot.kind;
  std::vector<Reply> failure;
  if (!state.photos.empty()) {
    BotApi api(bot.kind, bot.base_url, OpenToken(bot));
    for (size_t i = 0; i < state.photos.size(); ++i) {
      std::string error;
      std::string data = api.Download(state.photos[i], options_.max_photo_bytes, error);
      if (data.empty()) {
        spdlog::warn("messenger: bot {} photo not fetched: {}", bot.id, error);
        failure.push_back(ErrorReply(
            error == "too_large"
                ? "یکی از عکس‌ها بیش از اندازهٔ مجاز بود؛ درخواست ثبت نشد."
                : "یکی از عکس‌ها دریافت نشد؛ دوباره «ثبت درخواست» را بزنید."));
        break;
      }
      in.files.push_back({.filename = "photo-" + std::to_string(i + 1) + ".jpg", .data = std::move(data)});
    }
  }
  if (failure.empty() && bot.agency_id) {
    POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
      auto a = store::GetAgency(c, *bot.agency_id);
      if (a.ok() && !a->disabled) in.agency = a->slug;
      return Status::Ok();
    }));
  }
  ChatState next;
  if (!state.mobile_verified) next.state = "otp";
  in.in_transaction = [&](Conn& c, const store::CitizenRequest& r) -> Status {
    next.tracking_code = state.mobile_verified ? "" : r.tracking_code;
    chat.state = next.state;
    chat.data = next.ToJson().dump();
    POL_RETURN_IF_ERROR(store::InsertMessengerLink(
        c, {.request_id = r.id, .bot_id = bot.id, .chat_id = chat.chat_id, .created_at = now}));
    return Commit(c, bot, update_id, advance_offset, chat,
                  {SubmittedReply(r.tracking_code, !state.mobile_verified)}, now);
  };
  if (failure.empty()) {
    auto res = citizen_->Submit(in);
    if (res.ok()) {
      if (batch) ++batch->committed;
      return Status::Ok();
    }
    const StatusCode code = res.status().code();
    if (code != StatusCode::kInvalidArgument && code != StatusCode::kResourceExhausted &&
        code != StatusCode::kFailedPrecondition)
      return res.status();  // not committed: the update comes again
    failure.push_back(
        ErrorReply(res.status().message() + "\nبرای ویرایش /new و برای انصراف /cancel را بفرستید."));
  }
  return Defer(
      batch,
      [this, bot, update_id, advance_offset, chat, failure, now](Conn& c) {
        return Commit(c, bot, update_id, advance_offset, chat, failure, now);
      },
      &chat);
}

Status MessengerService::Webhook(int64_t bot_id, const std::string& secret, const std::string& body) {
  MessengerBot bot;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    auto b = store::GetMessengerBot(c, bot_id);
    if (!b.ok()) return Unauthenticated("درخواست پذیرفته نشد.");
    bot = *b;
    return Status::Ok();
  }));
  auto expected = secrets_.Open(bot.webhook_secret);
  const bool match = expected.ok() && !expected->empty() && expected->size() == secret.size() &&
                     sodium_memcmp(expected->data(), secret.data(), secret.size()) == 0;
  if (!match || !bot.enabled || bot.mode != "webhook") return Unauthenticated("درخواست پذیرفته نشد.");
  json update = json::parse(body, nullptr, false);
  return HandleUpdate(bot, update, false);
}

}  // namespace pol::messenger
