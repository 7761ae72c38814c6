// Realistic domain events for the read-side benchmarks: built from the domain's own event types,
// encoded with the real codec (domain/codec/event_codec.h) and placed in the streams the domain
// adapter reads ids from ("org", "account-<id>", "project-<id>", "visit-<id>"). Ids, names and
// texts have the shapes the server gives them (UUIDs, "u-<username>", "XM-2026-0001", Chinese
// names and notes), so string sizes, hashing and parsing cost what they cost in production.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/codec/event_codec.h"
#include "domain/core/event_envelope.h"
#include "domain/core/time.h"
#include "store/event_store.h"

namespace keyledger::bench {

// One domain event ready to be stored: its stream, its encoded payload, when and by whom.
struct GeneratedEvent {
  std::string stream;
  domain::EncodedEvent encoded;
  Instant occurred_at;
  std::string actor;
};

// UUID-shaped text of (n, salt); the bits are mixed so that ids look as random as real UUIDs.
std::string UuidOf(uint64_t n, uint64_t salt);
std::string ProjectIdOf(uint64_t k);
std::string AccountIdOf(uint64_t k);

// The request the server's command service would append for `event` (command_service.h: a new
// event id, the actor, a correlation id), one event per request. `n` numbers the event.
store::AppendRequest ToAppendRequest(GeneratedEvent event, uint64_t n);
// The envelope the store would hand the read side for `event` at `seq` (for ReadSide::Apply).
EventEnvelope ToEnvelope(GeneratedEvent event, uint64_t seq);

// The org of every benchmark: one company, 8 VP areas of 8 departments, 16 salespeople per
// department (1,024), a VP per area and a manager per department. Salespeople are numbered
// 0..kSalespeople-1.
class Company {
 public:
  static constexpr int kAreas = 8;
  static constexpr int kDepartmentsPerArea = 8;
  static constexpr int kSalesPerDepartment = 16;
  static constexpr int kDepartments = kAreas * kDepartmentsPerArea;
  static constexpr int kSalespeople = kDepartments * kSalesPerDepartment;

  Company();

  const std::string& Salesperson(int i) const { return sales_[static_cast<size_t>(i)]; }
  const std::string& DepartmentOf(int i) const { return departments_[DepartmentIndex(i)]; }
  const std::string& VpOf(int i) const { return vps_[DepartmentIndex(i) / kDepartmentsPerArea]; }

  // Every event that builds the org (units, users, heads), all at `at`, in an order the org
  // decider would accept.
  std::vector<GeneratedEvent> OrgEvents(Instant at) const;

 private:
  static size_t DepartmentIndex(int sales) { return static_cast<size_t>(sales / kSalesPerDepartment); }

  std::vector<std::string> areas_, departments_, vps_, managers_, sales_;
};

// Stream "project-<id>". `owner` is a salesperson number; `n` varies names, amounts and notes.
GeneratedEvent ProjectRegisteredEvent(const Company& company, const std::string& project_id, int owner,
                                      const std::string& account_id, uint64_t account_number, uint64_t n,
                                      Instant at);
GeneratedEvent ProjectApprovedEvent(const Company& company, const std::string& project_id, int owner,
                                    uint64_t project_number, Instant at);
GeneratedEvent ProjectUpdatedEvent(const Company& company, const std::string& project_id, int owner, uint64_t n,
                                   Instant at);

// Stream "account-<id>", and "visit-<id>" for the visit.
GeneratedEvent AccountOpenedEvent(const Company& company, const std::string& account_id, uint64_t account_number,
                                  int opener, Instant at);
GeneratedEvent KeyPersonAddedEvent(const Company& company, const std::string& account_id, int owner, uint64_t n,
                                   Instant at);
GeneratedEvent VisitLoggedEvent(const Company& company, const std::string& account_id, int visitor, uint64_t n,
                                Instant at);

}  // namespace keyledger::bench
