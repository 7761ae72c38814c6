// Snapshot container: round trip; damaged, truncated and old-version files are refused.
#include "projections/snapshot_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "projections/binary_codec.h"

namespace keyledger::projections {
namespace {

class SnapshotFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kl_snap_" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    path_ = dir_ / "projections.snap";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void FlipByte(size_t offset) {
    std::fstream f(path_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offset));
    char c;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(offset));
    f.put(static_cast<char>(c ^ 0x40));
  }
  std::filesystem::path dir_, path_;
};

TEST_F(SnapshotFileTest, RoundTrips) {
  ASSERT_TRUE(WriteSnapshotFile(path_, {Seq(1234), std::string("payload\0bytes", 13)}).ok());
  auto read = ReadSnapshotFile(path_);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->last_seq, Seq(1234));
  EXPECT_EQ(read->payload, std::string("payload\0bytes", 13));
}

TEST_F(SnapshotFileTest, MissingIsMissing) {
  auto read = ReadSnapshotFile(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, SnapshotError::Code::kMissing);
}

TEST_F(SnapshotFileTest, FlippedPayloadByteIsCorrupt) {
  ASSERT_TRUE(WriteSnapshotFile(path_, {Seq(9), "abcdefgh"}).ok());
  FlipByte(44);
  auto read = ReadSnapshotFile(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, SnapshotError::Code::kCorrupt);
}

TEST_F(SnapshotFileTest, FlippedSeqIsCorrupt) {
  ASSERT_TRUE(WriteSnapshotFile(path_, {Seq(9), "abcdefgh"}).ok());
  FlipByte(16);
  auto read = ReadSnapshotFile(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, SnapshotError::Code::kCorrupt);
}

TEST_F(SnapshotFileTest, TruncatedIsCorrupt) {
  ASSERT_TRUE(WriteSnapshotFile(path_, {Seq(9), "abcdefgh"}).ok());
  std::filesystem::resize_file(path_, 43);
  auto read = ReadSnapshotFile(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, SnapshotError::Code::kCorrupt);
}

TEST_F(SnapshotFileTest, OtherVersionIsRefused) {
  ASSERT_TRUE(WriteSnapshotFile(path_, {Seq(9), "abc"}, kSnapshotFormatVersion + 1).ok());
  auto read = ReadSnapshotFile(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, SnapshotError::Code::kWrongVersion);
}

TEST(BinaryCodecTest, RoundTripsAndDetectsShortInput) {
  BinaryWriter w;
  w.PutVarint(300);
  w.PutSigned(-5);
  w.PutString("owner-17");
  w.PutDouble(0.35);
  const std::string bytes = w.Take();
  BinaryReader r(bytes);
  EXPECT_EQ(r.GetVarint(), 300u);
  EXPECT_EQ(r.GetSigned(), -5);
  EXPECT_EQ(r.GetString(), "owner-17");
  EXPECT_EQ(r.GetDouble(), 0.35);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.AtEnd());
  BinaryReader shorter(std::string_view(bytes).substr(0, 4));
  (void)shorter.GetVarint();
  (void)shorter.GetSigned();
  (void)shorter.GetString();
  EXPECT_FALSE(shorter.ok());
}

}  // namespace
}  // namespace keyledger::projections
