// A read side holding N open (approved) projects whose reminder due days are known in advance:
// the data set of the clock-advance and memory benchmarks.
//
// Time line (S = 2026-12-01 00:00 Asia/Shanghai, "today"): the background projects were approved
// between S - 2 days + 1 h and S - 1 h, so their first reminder (stale 2 weeks, R-P5) falls due
// from S + 12 days on. Days 0..11 after S are therefore quiet except for the planted groups: for
// each day d with k reminders planned, k projects were approved 14 days before that day (during
// its working hours), so exactly k stale-2w reminders fall due in (S + d, S + d + 1 day]. Every
// project is registered a day before its approval; no other events (the figure is about
// projects: accounts would add visit reminders of their own).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "bench/projections/company_events.h"
#include "domain/core/event_envelope.h"
#include "domain/core/time.h"

namespace keyledger::bench {

// The planted reminders: DuePlan()[d] reminders fall due on day d after Today(). Days 0-3 have
// none, days 4-7 a thousand, days 8-11 ten thousand: four days of each kind, one per repetition.
const std::vector<uint64_t>& DuePlan();
Instant Today();

// Calls `sink` with batches of envelopes (seq 1, 2, ...; the org first, then each project's
// registration and approval) that build `projects` approved projects as described above.
// `projects` must be at least the sum of DuePlan().
void ForEachApprovedProjectsBatch(uint64_t projects, const std::function<void(std::vector<EventEnvelope>&)>& sink);

}  // namespace keyledger::bench
