#include "server/mail/mail_templates.h"

#include <string_view>

namespace keyledger::server::mail {
namespace {

struct KindText {
  std::string_view kind;
  std::string_view zh_subject;  // followed by the subject's name
  std::string_view zh_sentence;
  std::string_view en_subject;
  std::string_view en_sentence;
};

// R-P5, R-P6, R-P7, R-V2, R-K2, R-C2 and the approval inbox, in the regulations' own words where
// they have them (自动发送提醒邮件).
constexpr KindText kKinds[] = {
    {"project_stale_2w", "【项目提醒】项目两周未更新：", "以下项目已超过两周没有更新，请负责人尽快更新项目进展。",
     "[keyledger] Project not updated for two weeks: ",
     "The project below has had no update for two weeks. The owner should update it now."},
    {"project_stale_1m", "【项目提醒】项目一个月未更新：", "以下项目已超过一个月没有更新，已通知负责人、部门经理和副总裁。",
     "[keyledger] Project not updated for a month: ",
     "The project below has had no update for a month; its owner, their manager and the VP are told."},
    {"project_on_hold", "【项目提醒】项目三个月未更新，已自动搁置：", "以下项目三个月没有更新，系统已将其自动搁置。重新启动需要重新报备。",
     "[keyledger] Project put on hold after three months without an update: ",
     "The project below had no update for three months and was put on hold by the system. Restarting it needs a new registration."},
    {"visit_overdue", "【客户提醒】客户拜访逾期：", "以下客户已超过规定周期没有拜访记录。",
     "[keyledger] Account visit overdue: ", "The account below has had no visit within its required interval."},
    {"key_person_contact_due", "【客户提醒】关键人联系到期：", "以下客户的关键人需要按期联系。",
     "[keyledger] Key person contact due: ", "A key person of the account below is due for contact."},
    {"complaint_overdue", "【投诉提醒】投诉处理逾期：", "以下投诉已超过处理期限。",
     "[keyledger] Complaint overdue: ", "The complaint below has passed its deadline."},
    {"approval_pending", "【审批提醒】等待您的审批：", "以下事项正在等待您的审批。",
     "[keyledger] Waiting for your approval: ", "The item below is waiting for your approval."},
};

const KindText& TextFor(const std::string& kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds[0];
}

// One line of user text in a plain-text body: line breaks in a name become spaces, so a name
// cannot fake further lines of the mail.
std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return s;
}

}  // namespace

RenderedMail RenderReminderMail(const ReminderMailFacts& f, const std::string& language) {
  const KindText& k = TextFor(f.kind);
  std::string name = OneLine(f.subject_name.empty() ? f.subject_id : f.subject_name);
  RenderedMail m;
  if (language == "en") {
    m.subject = std::string(k.en_subject) + name;
    m.body = "Hello " + OneLine(f.recipient_name) + ",\n\n" + std::string(k.en_sentence) + "\n\n";
    m.body += "Subject: " + name + "\n";
    if (!f.owner_name.empty()) m.body += "Owner: " + OneLine(f.owner_name) + "\n";
    m.body += "Due: " + f.due_at + "\n\nOpen in keyledger: " + f.link + "\n\n";
    m.body += "This mail was sent automatically by keyledger. Change which reminders you receive by mail under your settings.\n";
  } else {
    m.subject = std::string(k.zh_subject) + name;
    m.body = OneLine(f.recipient_name) + "，您好：\n\n" + std::string(k.zh_sentence) + "\n\n";
    m.body += "对象：" + name + "\n";
    if (!f.owner_name.empty()) m.body += "负责人：" + OneLine(f.owner_name) + "\n";
    m.body += "到期时间：" + f.due_at + "\n\n在 keyledger 中查看：" + f.link + "\n\n";
    m.body += "此邮件由 keyledger 自动发送，请勿直接回复。可在个人设置中选择接收哪些提醒邮件。\n";
  }
  return m;
}

RenderedMail RenderDigestMail(const DigestMailFacts& f, const std::string& language) {
  bool en = language == "en";
  RenderedMail m;
  std::string dept = OneLine(f.department_name);
  m.subject = en ? "[keyledger] Weekly project digest, " + dept + ", " + f.week
                 : "【周报】" + dept + " 项目更新周报（" + f.week + "）";
  m.body = en ? "Hello " + OneLine(f.recipient_name) + ",\n\nProject updates in " + dept + " for the week " + f.week + ":\n\n"
              : OneLine(f.recipient_name) + "，您好：\n\n" + dept + " 本周（" + f.week + "）项目更新情况：\n\n";
  if (f.lines.empty()) m.body += en ? "  (no project was updated)\n" : "  （本周没有项目更新）\n";
  for (const auto& line : f.lines) {
    m.body += "  " + OneLine(line.owner_name) + " · " + OneLine(line.project_name) + " · " +
              std::to_string(line.updates) + (en ? " update(s)\n" : " 次更新\n");
  }
  if (!f.stale_projects.empty()) {
    m.body += en ? "\nApproved projects not updated this week:\n" : "\n本周未更新的已批准项目：\n";
    for (const auto& p : f.stale_projects) m.body += "  " + OneLine(p) + "\n";
  }
  m.body += (en ? "\nOpen in keyledger: " : "\n在 keyledger 中查看：") + f.link + "\n";
  return m;
}

}  // namespace keyledger::server::mail
