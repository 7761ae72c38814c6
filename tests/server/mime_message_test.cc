// The mail's text: RFC 2047 words (at most 75 characters, whole UTF-8 characters), no raw CR/LF
// from user text in any header, addresses checked, Message-IDs stable per delivery.
#include <gtest/gtest.h>

#include "server/mail/mail_address.h"
#include "server/mail/mail_templates.h"
#include "server/mail/mime_message.h"
#include "tests/server/smtp_sink.h"

namespace keyledger::server::mail {
namespace {

// True if `bytes` is a sequence of complete UTF-8 characters.
bool WholeCharacters(const std::string& bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char lead = static_cast<unsigned char>(bytes[i]);
    size_t n = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    if (n == 0 || i + n > bytes.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(MailAddress, AcceptsPlainAddressesAndRefusesAnythingThatCouldAddARecipient) {
  EXPECT_TRUE(IsMailAddress("zhang.wei@example.com"));
  EXPECT_TRUE(IsMailAddress("a+tag@mail.example.cn"));
  for (const char* bad : {"", "a", "@example.com", "a@", "a b@example.com", "a@example.com\r\nBcc: e@x.y",
                          "a@b@c", "a..b@example.com", "<a@example.com>", "a@example.com, b@example.com",
                          "a@exa_mple.com"}) {
    EXPECT_FALSE(IsMailAddress(bad)) << bad;
  }
  EXPECT_EQ(DomainOf("keyledger@example.com"), "example.com");
}

TEST(MimeMessage, EncodedWordsAreShortWholeCharactersAndDecodeBack) {
  std::string subject = "【项目提醒】项目两周未更新：上海申通地铁集团有限公司十四号线信号系统改造项目第二期工程";
  std::string encoded = EncodeHeaderText(subject);
  size_t start = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    // Each word decodes to valid UTF-8 on its own: its last byte ends a character.
    std::string bytes = keyledger::testing::DecodeBase64(word.substr(10, word.size() - 12));
    ASSERT_FALSE(bytes.empty());
    EXPECT_TRUE(WholeCharacters(bytes)) << "cut inside a character";
    if (end == std::string::npos) break;
    start = end + 3;
  }
  std::string unfolded;
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded.compare(i, 3, "\r\n ") == 0) {
      unfolded += ' ';
      i += 2;
    } else {
      unfolded += encoded[i];
    }
  }
  EXPECT_EQ(keyledger::testing::DecodeHeaderWords(unfolded), subject);
  EXPECT_EQ(EncodeHeaderText("Plain subject"), "Plain subject");
  EXPECT_EQ(EncodeHeaderText("x\r\nBcc: evil@example.com").find('\n'), std::string::npos);
}

TEST(MimeMessage, ComposedMailHasOneOfEachHeaderAndRefusesBadAddresses) {
  MailMessage m{"keyledger@example.com", "keyledger", "s1@example.com", "Eve\r\nBcc: evil@example.com",
                "x\r\nBcc: evil@example.com", "正文\nBcc: evil@example.com", MessageIdFor("r1/u-s1", "example.com"),
                "project_stale_2w", Instant{}, std::chrono::minutes(480)};
  auto text = ComposeMime(m);
  ASSERT_TRUE(text);
  std::string headers = text->substr(0, text->find("\r\n\r\n") + 2);
  EXPECT_EQ(headers.find("\nBcc:"), std::string::npos) << headers;
  EXPECT_EQ(headers.find("Date: Thu, 01 Jan 1970 08:00:00 +0800\r\n"), 0u) << headers;
  EXPECT_NE(headers.find("Message-ID: <kl."), std::string::npos);
  m.to = "s1@example.com\r\nBcc: evil@example.com";
  EXPECT_FALSE(ComposeMime(m));
}

TEST(MimeMessage, MessageIdDependsOnlyOnTheDelivery) {
  EXPECT_EQ(MessageIdFor("r1/u-s1", "example.com"), MessageIdFor("r1/u-s1", "example.com"));
  EXPECT_NE(MessageIdFor("r1/u-s1", "example.com"), MessageIdFor("r1/u-mgr1", "example.com"));
}

TEST(MailTemplates, ChineseByDefaultEnglishOnRequest) {
  ReminderMailFacts f{"project_stale_1m", "P", "p1", "张伟", "2026-12-02 09:00", "王芳", "https://x/#/projects/p1"};
  EXPECT_EQ(RenderReminderMail(f, "zh-CN").subject, "【项目提醒】项目一个月未更新：P");
  EXPECT_EQ(RenderReminderMail(f, "fr").subject, "【项目提醒】项目一个月未更新：P");
  EXPECT_EQ(RenderReminderMail(f, "en").subject, "[keyledger] Project not updated for a month: P");
  EXPECT_NE(RenderReminderMail(f, "en").body.find("https://x/#/projects/p1"), std::string::npos);
}

}  // namespace
}  // namespace keyledger::server::mail
