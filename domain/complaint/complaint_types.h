// Value types of a complaint (DOMAIN §5).
#pragma once

#include <string_view>
#include <utility>

#include "domain/core/enum_names.h"

namespace keyledger::domain {

enum class Severity { kLow, kMedium, kHigh, kCritical };
template <>
struct EnumNames<Severity> {
  static constexpr std::pair<Severity, std::string_view> kNames[] = {
      {Severity::kLow, "low"}, {Severity::kMedium, "medium"}, {Severity::kHigh, "high"}, {Severity::kCritical, "critical"}};
};

// R-C4 cause categories for analysis by cause and account.
enum class ComplaintCause { kProductQuality, kDelivery, kServiceAttitude, kTechnical, kSiteConduct, kBilling, kOther };
template <>
struct EnumNames<ComplaintCause> {
  static constexpr std::pair<ComplaintCause, std::string_view> kNames[] = {
      {ComplaintCause::kProductQuality, "product_quality"}, {ComplaintCause::kDelivery, "delivery"},
      {ComplaintCause::kServiceAttitude, "service_attitude"}, {ComplaintCause::kTechnical, "technical"},
      {ComplaintCause::kSiteConduct, "site_conduct"}, {ComplaintCause::kBilling, "billing"}, {ComplaintCause::kOther, "other"}};
};

enum class ComplaintStage { kNone, kOpen, kAssigned, kContacted, kPlanned, kResolved, kFollowedUp, kClosed };
template <>
struct EnumNames<ComplaintStage> {
  static constexpr std::pair<ComplaintStage, std::string_view> kNames[] = {
      {ComplaintStage::kNone, "none"}, {ComplaintStage::kOpen, "open"}, {ComplaintStage::kAssigned, "assigned"},
      {ComplaintStage::kContacted, "contacted"}, {ComplaintStage::kPlanned, "planned"},
      {ComplaintStage::kResolved, "resolved"}, {ComplaintStage::kFollowedUp, "followed_up"}, {ComplaintStage::kClosed, "closed"}};
};

}  // namespace keyledger::domain
