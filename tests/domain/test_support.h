// Given-when-then helpers for decider tests: fold given events, decide, compare the encoded events
// (the codec gives every event a canonical text form) or the exact rejection kind and rule.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "domain/codec/event_codec.h"
#include "domain/core/context.h"
#include "domain/core/rejection.h"

namespace keyledger::domain::testing {

// 09:00 Shanghai time on a local date.
inline Instant At(std::chrono::year_month_day d, int hour = 9) {
  return Instant(std::chrono::sys_days(d)) + std::chrono::hours(hour) - std::chrono::hours(8);
}
// Monday 2026-11-23, 09:00 Shanghai.
inline const Instant kT0 = At(std::chrono::year{2026} / 11 / 23);

inline Actor Sales1() { return {UserId{"u-sales1"}, Role::kSales, OrgUnitId{"dept-1"}}; }
inline Actor Sales2() { return {UserId{"u-sales2"}, Role::kSales, OrgUnitId{"dept-2"}}; }
inline Actor Manager1() { return {UserId{"u-mgr1"}, Role::kManager, OrgUnitId{"dept-1"}}; }
inline Actor Vp1() { return {UserId{"u-vp1"}, Role::kVp, OrgUnitId{"area-1"}}; }
inline Actor Vp2() { return {UserId{"u-vp2"}, Role::kVp, OrgUnitId{"area-2"}}; }
inline Actor Office() { return {UserId{"u-office"}, Role::kBusinessOffice, OrgUnitId{"hq"}}; }
inline Actor Gm() { return {UserId{"u-gm"}, Role::kGm, OrgUnitId{"hq"}}; }
inline Actor Auditor() { return {UserId{"u-audit"}, Role::kAuditor, OrgUnitId{"hq"}}; }
inline Actor System() { return {UserId{"system"}, Role::kSystem, OrgUnitId{}}; }

inline Context Ctx(Actor actor, Instant now = kT0, std::string new_id = "", std::string number = "") {
  Context c;
  c.now = now;
  c.actor = std::move(actor);
  c.new_id = std::move(new_id);
  c.project_number = std::move(number);
  return c;
}

template <class State, class Event>
State Given(const std::vector<Event>& events) {
  State s{};
  for (const auto& e : events) s = Evolve(std::move(s), e);
  return s;
}

template <class Event>
std::vector<EncodedEvent> Encoded(const std::vector<Event>& events) {
  std::vector<EncodedEvent> out;
  for (const auto& e : events) out.push_back(EncodeEvent(e));
  return out;
}

inline std::string Describe(const Rejection& r) {
  return "kind=" + std::to_string(static_cast<int>(r.kind)) + " rule=" + r.rule + " field=" + r.field + " msg=" + r.message;
}

// Then: exactly these events.
template <class Event>
void ExpectEvents(const Decision<Event>& d, const std::vector<Event>& expected) {
  ASSERT_TRUE(d.ok()) << Describe(d.error());
  EXPECT_EQ(Encoded(d.value()), Encoded(expected));
}

// Then: refused with this kind and rule (and field for validation, when given).
template <class Event>
void ExpectRejected(const Decision<Event>& d, Rejection::Kind kind, const std::string& rule, const std::string& field = "") {
  ASSERT_FALSE(d.ok()) << "expected a rejection, got " << d.value().size() << " events";
  EXPECT_EQ(d.error().kind, kind) << Describe(d.error());
  EXPECT_EQ(d.error().rule, rule) << Describe(d.error());
  if (!field.empty()) {
    EXPECT_EQ(d.error().field, field) << Describe(d.error());
  }
  EXPECT_FALSE(d.error().message.empty());
}

using K = Rejection::Kind;

}  // namespace keyledger::domain::testing
