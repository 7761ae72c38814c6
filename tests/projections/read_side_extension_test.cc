// ReadSideExtension: state folded beside the read models goes into their snapshot and comes back
// from it, takes only the tail after it, each event once, and is rebuilt from seq 0 whenever the
// snapshot cannot give it back.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "year_fill.h"
#include "projections/read_side_extension.h"

namespace keyledger::projections::testing {
namespace {

// Every seq it was given, in order: equal lists mean the same events, each once, in order.
class SeqRecorder final : public ReadSideExtension {
 public:
  void Reset() override {
    seqs.clear();
    ++resets;
  }
  void Apply(const EventEnvelope& e) override {
    seqs.push_back(e.seq.value);
    ++applied;
  }
  void Save(BinaryWriter& w) const override {
    w.PutVarint(seqs.size());
    for (uint64_t s : seqs) w.PutVarint(s);
  }
  bool Load(BinaryReader& r) override {
    seqs.clear();
    if (refuse_load) return false;
    const uint64_t n = r.GetVarint();
    for (uint64_t i = 0; i < n && r.ok(); ++i) seqs.push_back(r.GetVarint());
    return r.ok();
  }

  std::vector<uint64_t> seqs;
  int resets = 0;
  uint64_t applied = 0;  // Apply calls since construction
  bool refuse_load = false;
};

ReadSideOptions Opts(std::filesystem::path snap, ReadSideExtension* extension) {
  ReadSideOptions o{ShanghaiCalendar(), ReminderPolicy{}, DecodeFactEvent, std::move(snap), 0};
  o.extension = extension;
  return o;
}

std::vector<uint64_t> OneTo(uint64_t n) {
  std::vector<uint64_t> v;
  for (uint64_t s = 1; s <= n; ++s) v.push_back(s);
  return v;
}

// A store with the first 200 actions of a small year, and a snapshot of it written by a ReadSide
// with `extension` (null: without one).
struct SnapshotOfTwoHundred {
  explicit SnapshotOfTwoHundred(SeqRecorder* extension) : store(OpenStore(dir.path() / "log")), snap(dir.path() / "p.snap") {
    FillYear(*store, plan, 0, 200);
    ReadSide rs(Opts(snap, extension));
    EXPECT_TRUE(rs.Start(*store).ok());
    EXPECT_TRUE(rs.WriteSnapshot().ok());
  }
  const YearPlan plan = SmallYear();
  TempDir dir;
  std::unique_ptr<store::EventStore> store;
  const std::filesystem::path snap;
};

TEST(ReadSideExtensionTest, SnapshotCarriesItAndOnlyTheTailIsAppliedAfter) {
  SeqRecorder first;
  SnapshotOfTwoHundred f(&first);
  auto& store = f.store;
  const auto& plan = f.plan;
  const auto& snap = f.snap;
  const uint64_t at_snapshot = store->HeadSeq().value;
  EXPECT_EQ(first.seqs, OneTo(at_snapshot));
  FillYear(*store, plan, 200, 400);
  SeqRecorder ext;
  ReadSide rs(Opts(snap, &ext));
  auto info = rs.Start(*store);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->from_snapshot) << info->snapshot_note;
  EXPECT_EQ(ext.applied, store->HeadSeq().value - at_snapshot) << "only the tail is applied";
  EXPECT_EQ(ext.seqs, OneTo(store->HeadSeq().value));

  // Live appends reach it once; events already applied are not given again.
  FillYear(*store, plan, 400, 450);
  ASSERT_TRUE(rs.CatchUp(*store).ok());
  auto again = store->ReadAll(Seq(0), 100000);
  ASSERT_TRUE(again.ok());
  rs.Apply(*again);
  EXPECT_EQ(ext.seqs, OneTo(store->HeadSeq().value));
}

TEST(ReadSideExtensionTest, UnloadableStateMeansARebuildFromSeqZero) {
  SeqRecorder first;
  SnapshotOfTwoHundred f(&first);
  auto& store = f.store;
  const auto& snap = f.snap;
  SeqRecorder ext;
  ext.refuse_load = true;
  ReadSide rs(Opts(snap, &ext));
  auto info = rs.Start(*store);
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->from_snapshot);
  EXPECT_EQ(info->replayed_events, store->HeadSeq().value);
  EXPECT_EQ(ext.seqs, OneTo(store->HeadSeq().value));
}

TEST(ReadSideExtensionTest, SnapshotWrittenWithoutItIsNotUsedWithIt) {
  SnapshotOfTwoHundred f(nullptr);
  auto& store = f.store;
  const auto& snap = f.snap;
  SeqRecorder ext;
  ReadSide rs(Opts(snap, &ext));
  auto info = rs.Start(*store);
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->from_snapshot) << "the extension's state is not in it";
  EXPECT_EQ(ext.seqs, OneTo(store->HeadSeq().value));
  // And the other way round: a snapshot with extension state, read by a ReadSide without one.
  ASSERT_TRUE(rs.WriteSnapshot().ok());
  ReadSide plain(Opts(snap, nullptr));
  auto plain_info = plain.Start(*store);
  ASSERT_TRUE(plain_info.ok());
  EXPECT_FALSE(plain_info->from_snapshot);
}

}  // namespace
}  // namespace keyledger::projections::testing
