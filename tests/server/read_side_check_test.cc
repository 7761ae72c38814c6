// `keyledger verify`'s replay check: a snapshot that belongs to the log passes, one that does
// not (same head, other events) is named as a mismatch: the check can fail.
#include "server/read_side_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "domain/account/account_events.h"
#include "domain/codec/event_codec.h"
#include "projections/read_side.h"
#include "server/conflict_feed.h"
#include "server/read_side_options.h"
#include "store/rocks_event_store.h"

namespace keyledger::server {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("kl-rscheck-" + std::to_string(std::random_device()()))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A log holding one opened account, named `name`.
std::unique_ptr<store::EventStore> LogWithAccount(const fs::path& dir, const std::string& name) {
  auto opened = store::OpenRocksEventStore(dir / "log");
  EXPECT_TRUE(opened.ok());
  domain::AccountOpened e{domain::AccountId{"acc-" + name}, "K-1", domain::Tier::kB, {}, domain::UserId{"u-sales"}};
  e.profile.name = name;
  const domain::EncodedEvent enc = domain::EncodeEvent(domain::AccountEvent{e});
  store::AppendRequest request;
  request.stream = "account-acc-" + name;
  request.expected = store::ExpectedVersion::NoStream();
  request.events.push_back(store::NewEvent{"ev-" + name, enc.type, enc.schema_version,
                                           FromUnixMicros(1'795'968'000'000'000), "u-sales", "", "", enc.data});
  EXPECT_TRUE((*opened)->Append(std::move(request)).ok());
  return std::move(opened.value());
}

// As the server writes it: with the conflict index as the read side's extension.
void WriteSnapshot(const store::EventStore& store, const LedgerOptions& options) {
  ConflictFeed conflicts;
  projections::ReadSide side(ReadSideOptionsFor(options, &conflicts));
  ASSERT_TRUE(side.Start(store).ok());
  ASSERT_TRUE(side.WriteSnapshot().ok());
}

TEST(ReadSideCheckTest, ASnapshotOfThisLogMatchesAFullReplay) {
  TempDir dir;
  auto store = LogWithAccount(dir.path(), "华东医院");
  LedgerOptions options;
  options.snapshot_path = dir.path() / "read-side.snapshot";
  WriteSnapshot(*store, options);
  const ReadSideCheck check = CheckReadSide(*store, options);
  EXPECT_TRUE(check.ok) << check.message;
  EXPECT_NE(check.message.find("snapshot at seq 1 + 0 events matches a full replay of 1 events"), std::string::npos)
      << check.message;
}

TEST(ReadSideCheckTest, ASnapshotOfAnotherLogIsAMismatch) {
  TempDir a, b;
  auto store_a = LogWithAccount(a.path(), "华东医院");
  auto store_b = LogWithAccount(b.path(), "西部电力");
  LedgerOptions options_a, options_b;
  options_a.snapshot_path = a.path() / "read-side.snapshot";
  options_b.snapshot_path = b.path() / "read-side.snapshot";
  WriteSnapshot(*store_a, options_a);
  // Same head seq, other content: the server would start on state the log does not imply.
  fs::copy_file(options_a.snapshot_path, options_b.snapshot_path);
  const ReadSideCheck check = CheckReadSide(*store_b, options_b);
  EXPECT_FALSE(check.ok) << check.message;
  EXPECT_NE(check.message.find("MISMATCH: the models"), std::string::npos) << check.message;
}

TEST(ReadSideCheckTest, WithoutASnapshotTwoReplaysAgreeAndSaySo) {
  TempDir dir;
  auto store = LogWithAccount(dir.path(), "华东医院");
  LedgerOptions options;
  options.snapshot_path = dir.path() / "read-side.snapshot";  // never written
  const ReadSideCheck check = CheckReadSide(*store, options);
  EXPECT_TRUE(check.ok) << check.message;
  EXPECT_NE(check.message.find("no usable snapshot"), std::string::npos) << check.message;
}

}  // namespace
}  // namespace keyledger::server
