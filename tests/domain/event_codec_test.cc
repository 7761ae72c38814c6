// The event codec: a field-by-field round trip for every event type, schema completeness, and
// clear DecodeErrors (never a crash) for garbage, wrong types, missing fields and duplicate keys.
#include "domain/codec/event_codec.h"

#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "domain/codec/event_schemas.h"
#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;

// ---- field-by-field equality without reflection ----------------------------------------------
// FieldCount<T>() counts the members of an aggregate by brace-initialising it from "anything"
// values; Tie(t) binds them with structured bindings. Together they compare two events member by
// member, and let the test check that every member of an event is in its wire schema.

template <class T>
constexpr bool kIsOptional = false;
template <class T>
constexpr bool kIsOptional<std::optional<T>> = true;

struct AnyField {
  // Optionals are built through their converting constructor; converting to them directly
  // as well would be ambiguous.
  // Only used in unevaluated contexts; defined (never called) so that clang's
  // -Wundefined-internal has nothing to say about the anonymous namespace.
  template <class T>
    requires(!kIsOptional<T>)
  operator T() const { std::abort(); }
};
template <size_t>
using AnyAt = AnyField;

template <class T, size_t N>
constexpr bool InitialisableWith() {
  return []<size_t... I>(std::index_sequence<I...>) { return requires { T{AnyAt<I>{}...}; }; }(std::make_index_sequence<N>());
}
template <class T, size_t N = 0>
constexpr size_t FieldCount() {
  if constexpr (N < 16 && InitialisableWith<T, N + 1>()) {
    return FieldCount<T, N + 1>();
  } else {
    return N;
  }
}

template <class T>
auto Tie(const T& t) {
  constexpr size_t n = FieldCount<T>();
  static_assert(n <= 12, "extend Tie");
  if constexpr (n == 0) {
    return std::tie();
  } else if constexpr (n == 1) {
    const auto& [a] = t;
    return std::tie(a);
  } else if constexpr (n == 2) {
    const auto& [a, b] = t;
    return std::tie(a, b);
  } else if constexpr (n == 3) {
    const auto& [a, b, c] = t;
    return std::tie(a, b, c);
  } else if constexpr (n == 4) {
    const auto& [a, b, c, d] = t;
    return std::tie(a, b, c, d);
  } else if constexpr (n == 5) {
    const auto& [a, b, c, d, e] = t;
    return std::tie(a, b, c, d, e);
  } else if constexpr (n == 6) {
    const auto& [a, b, c, d, e, f] = t;
    return std::tie(a, b, c, d, e, f);
  } else if constexpr (n == 7) {
    const auto& [a, b, c, d, e, f, g] = t;
    return std::tie(a, b, c, d, e, f, g);
  } else if constexpr (n == 8) {
    const auto& [a, b, c, d, e, f, g, h] = t;
    return std::tie(a, b, c, d, e, f, g, h);
  } else if constexpr (n == 9) {
    const auto& [a, b, c, d, e, f, g, h, i] = t;
    return std::tie(a, b, c, d, e, f, g, h, i);
  } else if constexpr (n == 10) {
    const auto& [a, b, c, d, e, f, g, h, i, j] = t;
    return std::tie(a, b, c, d, e, f, g, h, i, j);
  } else if constexpr (n == 11) {
    const auto& [a, b, c, d, e, f, g, h, i, j, k] = t;
    return std::tie(a, b, c, d, e, f, g, h, i, j, k);
  } else {
    const auto& [a, b, c, d, e, f, g, h, i, j, k, l] = t;
    return std::tie(a, b, c, d, e, f, g, h, i, j, k, l);
  }
}

template <class T>
constexpr bool SchemaCoversEveryMember() {
  return std::tuple_size_v<std::decay_t<decltype(codec::Schema<T>::kFields)>> == FieldCount<T>();
}

// The counter itself must count right, or the checks below prove nothing.
static_assert(FieldCount<ConflictCleared>() == 0);
static_assert(FieldCount<ProjectClosed>() == 1);
static_assert(FieldCount<ProjectRegistered>() == 7);
static_assert(FieldCount<AccountProfile>() == 12);
static_assert(FieldCount<VisitLogged>() == 9);

// Nested values: every member is on the wire.
static_assert(SchemaCoversEveryMember<AccountProfile>());
static_assert(SchemaCoversEveryMember<Affiliate>());
static_assert(SchemaCoversEveryMember<PersonalProfile>());
static_assert(SchemaCoversEveryMember<KeyPerson>());
static_assert(SchemaCoversEveryMember<QualificationFacts>());
static_assert(SchemaCoversEveryMember<AccountPlan>());
static_assert(SchemaCoversEveryMember<ProjectDetails>());
static_assert(SchemaCoversEveryMember<ConflictHit>());
static_assert(SchemaCoversEveryMember<CreditShare>());
static_assert(SchemaCoversEveryMember<ProjectChanges>());
static_assert(SchemaCoversEveryMember<ConstructionSatisfaction>());
static_assert(SchemaCoversEveryMember<SurveyScore>());
static_assert(SchemaCoversEveryMember<ReminderSubject>());

template <class Variant>
constexpr bool EveryAlternativeCovered() {
  return []<size_t... I>(std::index_sequence<I...>) {
    return (SchemaCoversEveryMember<std::variant_alternative_t<I, Variant>>() && ...);
  }(std::make_index_sequence<std::variant_size_v<Variant>>());
}
static_assert(EveryAlternativeCovered<OrgEvent>());
static_assert(EveryAlternativeCovered<AccountEvent>());
static_assert(EveryAlternativeCovered<ProjectEvent>());
static_assert(EveryAlternativeCovered<ComplaintEvent>());
static_assert(EveryAlternativeCovered<VisitEvent>());
static_assert(EveryAlternativeCovered<SurveyEvent>());
static_assert(EveryAlternativeCovered<ReminderEvent>());

bool SameEvent(const DomainEvent& a, const DomainEvent& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& family_a) {
        const auto& family_b = std::get<std::decay_t<decltype(family_a)>>(b);
        if (family_a.index() != family_b.index()) return false;
        return std::visit([&](const auto& x) { return Tie(x) == Tie(std::get<std::decay_t<decltype(x)>>(family_b)); }, family_a);
      },
      a);
}

// ---- one sample (or more) of every event type, every field non-default ------------------------

const Instant kT1 = kT0 + Days(3) + Micros(123'456);

AccountProfile FullProfile() {
  return AccountProfile{"华为技术有限公司", "91440300708461136T", "民营企业", "通信", "大型", "深圳市龙岗区坂田", "华南",
                        "展会", PaymentHabit::kProgressPayment, "良好", "无诉讼, \"履约\"良好\n", true};
}
KeyPerson FullKeyPerson() {
  return KeyPerson{KeyPersonId{"kp-1"}, "张总", "采购总监", DecisionRole::kBlocker, Relationship::kNegative, 35,
                   {UserId{"u-sales1"}, UserId{"u-mgr1"}}, kT1, PersonalProfile{"高尔夫", "1970-05-01", "清华", "注意"}};
}
QualificationFacts FullFacts() {
  return QualificationFacts{false, true, true, true, 3, Yuan(1'234'567), Yuan(2), Yuan(3), Money{-4}};
}
AccountPlan FullPlan() { return AccountPlan{"客户", "关联", "合作", "潜力", "产品", "资源"}; }
ProjectDetails FullDetails() {
  return ProjectDetails{"光缆扩容", AccountId{"acc-1"}, "华为", "深圳供电局", "光缆", Yuan(9'999'999'999), 55, 23, kT1, "谈判", "备注"};
}
ProjectChanges FullChanges() { return ProjectChanges{Yuan(5), 10, 20, kT1, std::string("签约"), std::string("")}; }

std::vector<DomainEvent> Samples() {
  const UserId u{"u-1"}, v{"u-2"};
  const OrgUnitId unit{"dept-1"};
  std::vector<DomainEvent> out;
  auto org = [&](OrgEvent e) { out.emplace_back(std::move(e)); };
  auto acc = [&](AccountEvent e) { out.emplace_back(std::move(e)); };
  auto prj = [&](ProjectEvent e) { out.emplace_back(std::move(e)); };
  auto cmp = [&](ComplaintEvent e) { out.emplace_back(std::move(e)); };
  auto rem = [&](ReminderEvent e) { out.emplace_back(std::move(e)); };

  org(OrgUnitCreated{unit, "销售一部", OrgUnitId{"area-1"}, OrgUnitKind::kDepartment});
  org(OrgUnitCreated{OrgUnitId{"hq"}, "总部", std::nullopt, OrgUnitKind::kCompany});
  org(UnitManagerAssigned{unit, u});
  org(UserCreated{u, "zhang", "张三", Role::kBusinessOffice, unit, "z@x.cn", "en", "$argon2id$v=19$..."});
  org(UserRoleChanged{u, Role::kInfoAdmin});
  org(UserMoved{u, OrgUnitId{"dept-2"}});
  org(UserDisabled{u});
  org(UserEnabled{u});
  org(UserPasswordChanged{u, "hash2"});
  org(UserProfileUpdated{u, "张三丰", "zs@x.cn", "zh-CN"});

  acc(AccountOpened{AccountId{"acc-1"}, "B-00042", Tier::kB, FullProfile(), u});
  acc(AccountProfileUpdated{FullProfile()});
  acc(AffiliateAdded{Affiliate{AccountId{"acc-2"}, AffiliateRelation::kSubsidiary}});
  acc(AffiliateRemoved{AccountId{"acc-2"}});
  acc(TierChanged{Tier::kC, Tier::kA, "年度评价"});
  acc(TierChanged{std::nullopt, Tier::kB, "v1 upcast"});
  acc(KeyPersonAdded{FullKeyPerson()});
  acc(KeyPersonUpdated{FullKeyPerson()});
  acc(OwnerChanged{u, v, OwnerChangeReason::kCustomerRequest, "客户要求", UserId{"u-gm"}});
  acc(OwnerChanged{std::nullopt, v, OwnerChangeReason::kManagementDecision, "首次", UserId{"u-gm"}});
  acc(NamedApplicationSubmitted{u, FullPlan(), FullFacts(), 5, true});
  acc(NamedApplicationChecked{v, false, "信用不足"});
  acc(NamedApplicationVpReviewed{v, true, "同意", "战略客户", true});
  acc(NamedApplicationGmReviewed{UserId{"u-gm"}, true, "同意", true});
  acc(NamedSecondReviewRequested{u, "请复议"});
  acc(AccountNamed{u});
  acc(NamedStatusRevoked{"未完成计划", v});
  acc(AccountReviewRecorded{ReviewPeriod::kQuarterly, v, false, "未达标"});
  acc(QualificationAssessed{FullFacts(), false, {"a", "b"}});
  acc(AccountFileRead{v, Role::kAuditor, kT1});

  prj(ProjectRegistered{ProjectId{"p-1"}, FullDetails(), u, unit, v, ProjectId{"p-0"}, kT1});
  prj(ProjectRegistered{ProjectId{"p-1"}, ProjectDetails{}, u, unit, std::nullopt, std::nullopt, kT1});
  prj(NonOwnerRegistrationNotified{v, {UserId{"u-vp1"}, UserId{"u-gm"}}});
  prj(ConflictReviewOpened{{ConflictHit{ProjectId{"p-9"}, v, UserId{"u-vp2"}, ConflictReason::kAffiliate},
                            ConflictHit{ProjectId{"p-8"}, v, std::nullopt, ConflictReason::kSameProject}},
                           {UserId{"u-vp2"}}});
  prj(ConflictReviewed{UserId{"u-vp2"}, true, "同一客户"});
  prj(ConflictCleared{});
  prj(ConflictObjectionRaised{u, "不同"});
  prj(ConflictObjectionRuled{UserId{"u-gm"}, false, "推翻"});
  prj(ProjectApproved{UserId{"u-vp1"}, "XM-2026-0001", "立项", kT1});
  prj(ProjectDeferred{UserId{"u-vp1"}, "补充"});
  prj(ProjectRejected{UserId{"u-vp1"}, "不予立项", "R-P3"});
  prj(CreditSplitRecorded{{CreditShare{u, 70}, CreditShare{v, 30}}, true, UserId{"u-vp1"}, "决定"});
  prj(ProjectUpdated{"周报", FullChanges(), kT1});
  prj(ProjectUpdated{"周报", ProjectChanges{}, kT1});
  prj(ProjectPutOnHold{kT0, "tick-9"});
  prj(ReactivationRequested{"出差", "重启"});
  prj(ReactivationAccepted{UserId{"u-office"}, ProjectId{"p-2"}, "同意"});
  prj(ReactivationDeclined{UserId{"u-office"}, "不同意"});
  prj(ContractReviewRequested{"评审"});
  prj(ContractSigned{UserId{"u-office"}, Yuan(123), kT1});
  prj(ProjectClosed{"丢单"});

  cmp(ComplaintOpened{ComplaintId{"c-1"}, AccountId{"acc-1"}, "质量", "李工", Severity::kCritical, ComplaintCause::kSiteConduct, u, kT1});
  cmp(ComplaintOpened{ComplaintId{"c-1"}, AccountId{"acc-1"}, "质量", "李工", Severity::kLow, std::nullopt, u, kT1});
  cmp(ComplaintAssigned{unit, v, kT1});
  cmp(FirstContactMade{"电话", kT1, true});
  cmp(ResolutionPlanned{"更换", v, kT1});
  cmp(ComplaintResolved{"反馈", kT1});
  cmp(FollowUpVisited{true, "满意", kT1});
  cmp(ComplaintClosed{"结案", kT1});
  cmp(ComplaintReopened{"复发", kT1});
  cmp(ComplaintCauseCategorised{ComplaintCause::kBilling});

  out.emplace_back(VisitEvent{VisitLogged{VisitId{"v-1"}, AccountId{"acc-1"}, u, VisitKind::kDemo, kT0 - Days(400), {"张总", "王工"},
                                          "演示", "顺利", ConstructionSatisfaction{1, 2, 3, 4, 5, 1, 2, 3}}});
  out.emplace_back(VisitEvent{VisitLogged{VisitId{"v-2"}, AccountId{"acc-1"}, u, VisitKind::kPhone, kT1, {}, "", "", std::nullopt}});
  out.emplace_back(SurveyEvent{SurveyRecorded{SurveyId{"s-1"}, AccountId{"acc-1"}, "2026-H2", {{"service", 5}, {"results", 1}},
                                              "好", u, v, kT1}});

  rem(ReminderRaised{ReminderKind::kApprovalPending, ReminderSubject{SubjectType::kComplaint, "c-1"}, {u, v}, kT0, kT1, "ev-1"});
  rem(ReminderAcknowledged{u, kT1});
  rem(ReminderCancelled{"updated", "ev-2", kT1});
  return out;
}

std::string TypeOf(const DomainEvent& e) { return EncodeEvent(e).type; }

TEST(EventCodec, SamplesCoverEveryEventType) {
  std::set<std::string> sampled;
  for (const auto& e : Samples()) sampled.insert(TypeOf(e));
  std::set<std::string> all;
  for (const auto& t : AllEventTypes()) {
    EXPECT_FALSE(t.type.empty());
    EXPECT_GE(t.schema_version, 1u);
    EXPECT_TRUE(all.insert(std::string(t.type)).second) << "type name used twice: " << t.type;
  }
  EXPECT_EQ(sampled, all);
  EXPECT_EQ(all.size(), 9u + 18u + 19u + 9u + 1u + 1u + 3u);
}

TEST(EventCodec, EveryEventTypeRoundTripsFieldByField) {
  for (const auto& original : Samples()) {
    const EncodedEvent enc = EncodeEvent(original);
    SCOPED_TRACE(enc.type + " " + enc.data);
    EXPECT_EQ(EncodeEvent(original), enc) << "encoding is deterministic";
    uint32_t expected_version = 0;
    for (const auto& t : AllEventTypes()) {
      if (t.type == enc.type) expected_version = t.schema_version;
    }
    EXPECT_EQ(enc.schema_version, expected_version);
    auto decoded = DecodeEvent(enc.type, enc.schema_version, enc.data);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_TRUE(SameEvent(original, decoded.value()));
    EXPECT_EQ(EncodeEvent(decoded.value()), enc);
  }
}

TEST(EventCodec, PaddedPayloadsDecodeInPlaceTheSame) {
  for (const auto& original : Samples()) {
    const EncodedEvent enc = EncodeEvent(original);
    SCOPED_TRACE(enc.type);
    std::string padded = enc.data;
    padded.reserve(padded.size() + kJsonPadding);  // as the store's decoded envelopes are
    auto decoded = DecodePaddedEvent(enc.type, enc.schema_version, padded);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_TRUE(SameEvent(original, decoded.value()));
  }
  // Errors are the same as unpadded ones.
  std::string dup = R"({"reason":"a","reason":"b"})";
  dup.reserve(dup.size() + kJsonPadding);
  auto refused = DecodePaddedEvent("ProjectClosed", 1, dup);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "ProjectClosed v1: duplicate key \"reason\"");
}

TEST(EventCodecErrors, ObjectsWithManyKeysAreCheckedForDuplicatesToo) {
  // More keys than the duplicate check keeps on the stack.
  std::string many = R"({"reason":"a")";
  for (int i = 0; i < 40; ++i) many += ",\"k" + std::to_string(i) + "\":" + std::to_string(i);
  EXPECT_TRUE(DecodeEvent("ProjectClosed", 1, many + "}").ok());
  auto refused = DecodeEvent("ProjectClosed", 1, many + R"(,"k7":0})");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("duplicate key \"k7\""), std::string::npos) << refused.error().message;
}

TEST(EventCodec, FamilyDecodersAgreeWithTheCombinedOne) {
  const EncodedEvent p = EncodeEvent(ProjectEvent{ProjectClosed{"丢单"}});
  auto r = DecodeProjectEvent(p.type, p.schema_version, p.data);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<ProjectClosed>(r.value()).reason, "丢单");
  auto wrong = DecodeAccountEvent(p.type, p.schema_version, p.data);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("unknown event type \"ProjectClosed\""), std::string::npos);
  const EncodedEvent rem = EncodeEvent(ReminderEvent{ReminderAcknowledged{UserId{"u"}, kT1}});
  EXPECT_TRUE(DecodeReminderEvent(rem.type, rem.schema_version, rem.data).ok());
  EXPECT_FALSE(DecodeOrgEvent(rem.type, rem.schema_version, rem.data).ok());
}

TEST(EventCodec, WireFormIsDocumented) {
  // Money in integer fen, instants in Unix microseconds, enums by name, empty optionals as null.
  EXPECT_EQ(EncodeEvent(ProjectEvent{ContractSigned{UserId{"u-office"}, Money{12345}, FromUnixMicros(1'700'000'000'000'001)}}).data,
            R"({"by":"u-office","signed_amount":12345,"signed_at":1700000000000001})");
  EXPECT_EQ(EncodeEvent(AccountEvent{TierChanged{std::nullopt, Tier::kB, "r"}}).data, R"({"previous_tier":null,"tier":"B","reason":"r"})");
  EXPECT_EQ(EncodeEvent(ProjectEvent{ConflictCleared{}}).data, "{}");
}

// ---- decode errors ------------------------------------------------------------------------------

std::string ErrorOf(std::string_view type, uint32_t version, std::string_view data) {
  auto r = DecodeEvent(type, version, data);
  if (r.ok()) return "<decoded>";
  EXPECT_FALSE(r.error().message.empty());
  return r.error().message;
}
#define EXPECT_ERROR_CONTAINS(message, part) EXPECT_NE((message).find(part), std::string::npos) << (message)

TEST(EventCodecErrors, GarbageIsRefused) {
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, "not json"), "ProjectClosed: invalid JSON");
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, ""), "invalid JSON");
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, R"({"reason":"x"} trailing)"), "invalid JSON");
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, R"({"reason":"x")"), "invalid JSON");
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, "[1,2]"), "payload is not a JSON object");
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, R"("reason")"), "payload is not a JSON object");
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, "{\"reason\":\"\xff\xfe\"}"), "invalid JSON");  // invalid UTF-8
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, deep), "ProjectClosed");
  EXPECT_ERROR_CONTAINS(ErrorOf("NoSuchEvent", 1, "{}"), "unknown event type \"NoSuchEvent\"");
  EXPECT_ERROR_CONTAINS(ErrorOf("", 1, "{}"), "unknown event type");
}

TEST(EventCodecErrors, WrongTypesNameTheField) {
  EXPECT_EQ(ErrorOf("ProjectClosed", 1, R"({"reason":5})"), "ProjectClosed v1: reason: expected string");
  EXPECT_EQ(ErrorOf("ProjectClosed", 1, R"({"reason":null})"), "ProjectClosed v1: reason: expected string");
  EXPECT_EQ(ErrorOf("UserDisabled", 1, R"({"user":["u"]})"), "UserDisabled v1: user: expected string");
  EXPECT_EQ(ErrorOf("FirstContactMade", 1, R"({"note":"n","at":1,"late":"yes"})"), "FirstContactMade v1: late: expected boolean");
  EXPECT_EQ(ErrorOf("ContractSigned", 1, R"({"by":"u","signed_amount":1.5,"signed_at":1})"),
            "ContractSigned v1: signed_amount: expected integer");
  EXPECT_EQ(ErrorOf("ContractSigned", 1, R"({"by":"u","signed_amount":1e3,"signed_at":1})"),
            "ContractSigned v1: signed_amount: expected integer");
  EXPECT_EQ(ErrorOf("ContractSigned", 1, R"({"by":"u","signed_amount":18446744073709551615,"signed_at":1})"),
            "ContractSigned v1: signed_amount: expected integer");
  EXPECT_EQ(ErrorOf("ContractSigned", 1, R"({"by":"u","signed_amount":1,"signed_at":"2026-11-23"})"),
            "ContractSigned v1: signed_at: expected integer");
  EXPECT_EQ(ErrorOf("TierChanged", 2, R"({"previous_tier":null,"tier":"D","reason":"r"})"), "TierChanged v2: tier: unknown value \"D\"");
  EXPECT_EQ(ErrorOf("TierChanged", 2, R"({"previous_tier":"a","tier":"B","reason":"r"})"),
            "TierChanged v2: previous_tier: unknown value \"a\"");
  EXPECT_EQ(ErrorOf("CreditSplitRecorded", 1,
                    R"({"shares":[{"user":"u","percent":50},{"user":"v","percent":3000000000}],"decided_by_management":false,"recorded_by":"u","note":""})"),
            "CreditSplitRecorded v1: shares: [1]: percent: integer out of range");
  EXPECT_EQ(ErrorOf("ConflictReviewOpened", 1, R"({"hits":{},"reviewers":[]})"), "ConflictReviewOpened v1: hits: expected array");
  EXPECT_EQ(ErrorOf("AccountProfileUpdated", 1, R"({"profile":"华为"})"), "AccountProfileUpdated v1: profile: expected object");
}

TEST(EventCodecErrors, MissingFieldsAreNamedButMissingOptionalsAreEmpty) {
  EXPECT_EQ(ErrorOf("ProjectClosed", 1, "{}"), "ProjectClosed v1: reason: missing field");
  EXPECT_EQ(ErrorOf("UserMoved", 1, R"({"user":"u"})"), "UserMoved v1: unit: missing field");
  EXPECT_EQ(ErrorOf("AccountNamed", 1, R"({"Owner":"u"})"), "AccountNamed v1: owner: missing field");  // case-sensitive
  EXPECT_EQ(ErrorOf("AffiliateAdded", 1, R"({"affiliate":{"account":"a"}})"), "AffiliateAdded v1: affiliate: relation: missing field");
  auto r = DecodeEvent("OrgUnitCreated", 1, R"({"id":"hq","name":"总部","kind":"company"})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(std::get<OrgUnitCreated>(std::get<OrgEvent>(r.value())).parent.has_value());
  // Unknown keys are tolerated (an older reader of an additive change).
  auto extra = DecodeEvent("ProjectClosed", 1, R"({"reason":"r","added_later":{"x":[1,2]}})");
  ASSERT_TRUE(extra.ok()) << extra.error().message;
  EXPECT_EQ(std::get<ProjectClosed>(std::get<ProjectEvent>(extra.value())).reason, "r");
}

TEST(EventCodecErrors, DuplicateKeysAreRefusedAtAnyDepth) {
  EXPECT_EQ(ErrorOf("ProjectClosed", 1, R"({"reason":"a","reason":"b"})"), "ProjectClosed v1: duplicate key \"reason\"");
  EXPECT_EQ(ErrorOf("AffiliateAdded", 1, R"({"affiliate":{"account":"a","relation":"parent","account":"b"}})"),
            "AffiliateAdded v1: affiliate: duplicate key \"account\"");
  EXPECT_EQ(ErrorOf("CreditSplitRecorded", 1,
                    R"({"shares":[{"user":"u","percent":50,"percent":50}],"decided_by_management":false,"recorded_by":"u","note":""})"),
            "CreditSplitRecorded v1: shares: [0]: duplicate key \"percent\"");
  // Even a duplicated unknown key.
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 1, R"({"reason":"a","x":1,"x":2})"), "duplicate key \"x\"");
}

TEST(EventCodecErrors, SchemaVersionsAreUpcastOrRefused) {
  auto v1 = DecodeEvent("TierChanged", 1, R"({"new_tier":"B","reason":"年度评价"})");
  ASSERT_TRUE(v1.ok()) << v1.error().message;
  const auto& tc = std::get<TierChanged>(std::get<AccountEvent>(v1.value()));
  EXPECT_FALSE(tc.previous_tier.has_value());
  EXPECT_EQ(tc.tier, Tier::kB);
  EXPECT_EQ(tc.reason, "年度评价");
  EXPECT_EQ(ErrorOf("TierChanged", 1, R"({"reason":"r"})"), "TierChanged v1: new_tier: missing field");
  EXPECT_EQ(ErrorOf("TierChanged", 3, R"({"previous_tier":null,"tier":"B","reason":"r"})"),
            "TierChanged v3: schema_version 3 is newer than this build supports");
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 2, R"({"reason":"r"})"), "newer than this build supports");
  EXPECT_ERROR_CONTAINS(ErrorOf("ProjectClosed", 0, R"({"reason":"r"})"), "ProjectClosed v0");
}

TEST(EventCodecErrors, EveryTruncationAndRandomCorruptionIsAnErrorNotACrash) {
  std::mt19937 rng(20261123);
  int decoded_after_mutation = 0, refused_after_mutation = 0;
  for (const auto& e : Samples()) {
    const EncodedEvent enc = EncodeEvent(e);
    for (size_t n = 0; n < enc.data.size(); ++n) {
      auto r = DecodeEvent(enc.type, enc.schema_version, std::string_view(enc.data).substr(0, n));
      EXPECT_FALSE(r.ok()) << enc.type << " prefix " << n;
      if (!r.ok()) {
        EXPECT_FALSE(r.error().message.empty());
      }
    }
    for (int i = 0; i < 50; ++i) {
      std::string data = enc.data;
      std::uniform_int_distribution<size_t> pos(0, data.size() - 1);
      std::uniform_int_distribution<int> byte(0, 255);
      const int flips = 1 + i % 3;
      for (int f = 0; f < flips; ++f) data[pos(rng)] = static_cast<char>(byte(rng));
      auto r = DecodeEvent(enc.type, enc.schema_version, data);
      if (r.ok()) {
        ++decoded_after_mutation;
        const EncodedEvent again = EncodeEvent(r.value());  // whatever decoded must re-encode and decode
        EXPECT_TRUE(DecodeEvent(again.type, again.schema_version, again.data).ok());
      } else {
        ++refused_after_mutation;
        EXPECT_FALSE(r.error().message.empty());
      }
    }
  }
  EXPECT_GT(refused_after_mutation, 0);
  EXPECT_GT(decoded_after_mutation + refused_after_mutation, 1000);
}

TEST(EventCodec, EnumNameTablesAreCompleteAndUnique) {
  auto check = [](const auto& table, size_t expected_size) {
    EXPECT_EQ(std::size(table), expected_size);
    std::set<std::string_view> names;
    int index = 0;
    for (const auto& [value, name] : table) {
      EXPECT_FALSE(name.empty());
      EXPECT_TRUE(names.insert(name).second) << name;
      // Listed in declaration order, so a table of the right size covers every enumerator.
      EXPECT_EQ(static_cast<int>(value), index++) << name;
      EXPECT_EQ(ParseEnum<std::decay_t<decltype(value)>>(name), value) << name;
    }
  };
  check(EnumNames<Role>::kNames, 10);
  check(EnumNames<Tier>::kNames, 3);
  check(EnumNames<AccountKind>::kNames, 2);
  check(EnumNames<PaymentHabit>::kNames, 4);
  check(EnumNames<AffiliateRelation>::kNames, 3);
  check(EnumNames<OwnerChangeReason>::kNames, 2);
  check(EnumNames<DecisionRole>::kNames, 5);
  check(EnumNames<Relationship>::kNames, 4);
  check(EnumNames<ReviewPeriod>::kNames, 5);
  check(EnumNames<ProjectStatus>::kNames, 9);
  check(EnumNames<ConflictReason>::kNames, 4);
  check(EnumNames<ProjectDecisionKind>::kNames, 3);
  check(EnumNames<Severity>::kNames, 4);
  check(EnumNames<ComplaintCause>::kNames, 7);
  check(EnumNames<ComplaintStage>::kNames, 8);
  check(EnumNames<VisitKind>::kNames, 7);
  check(EnumNames<ReminderKind>::kNames, 7);
  check(EnumNames<SubjectType>::kNames, 4);
  check(EnumNames<OrgUnitKind>::kNames, 3);
}

}  // namespace
}  // namespace keyledger::domain
