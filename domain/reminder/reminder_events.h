// Events of a reminder stream.
#pragma once

#include <variant>

#include "domain/reminder/reminder_commands.h"

namespace keyledger::domain {

// R-R1: a reminder was raised to these recipients; due_at is the original due time even when
// raised late after downtime (R-R3), raised_at the instant it was actually raised.
struct ReminderRaised { ReminderKind kind; ReminderSubject subject; std::vector<UserId> recipients; Instant due_at; Instant raised_at; std::string causation; };
// R-R1: one recipient acknowledged it.
struct ReminderAcknowledged { UserId by; Instant at; };
// R-R2: no longer pending because its cause was removed; history keeps the raise.
struct ReminderCancelled { std::string reason; std::string causation; Instant at; };

using ReminderEvent = std::variant<ReminderRaised, ReminderAcknowledged, ReminderCancelled>;

}  // namespace keyledger::domain
