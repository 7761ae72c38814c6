// ConflictIndex: three inverted indexes over the active projects.
#include "projections/conflict_index.h"

#include <algorithm>

namespace keyledger::projections {

std::string NormalizeName(std::string_view name) {
  // Full-width punctuation that often appears in Chinese company names.
  static constexpr std::string_view kCjkPunct[] = {"（", "）", "，", "。", "、", "·", "　", "－"};
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    bool skipped = false;
    for (auto p : kCjkPunct) {
      if (name.substr(i, p.size()) == p) {
        i += p.size();
        skipped = true;
        break;
      }
    }
    if (skipped) continue;
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
    } else {
      out.push_back(name[i]);
    }
    ++i;
  }
  return out;
}

void ConflictIndex::Remove(const std::string& project_id) {
  auto it = entries_.find(project_id);
  if (it == entries_.end()) return;
  auto drop = [&](auto& index, const std::string& key) {
    auto k = index.find(key);
    if (k == index.end()) return;
    k->second.erase(project_id);
    if (k->second.empty()) index.erase(k);
  };
  drop(by_account_, it->second.account);
  drop(by_end_user_, it->second.end_user);
  drop(by_name_, it->second.name);
  entries_.erase(it);
}

void ConflictIndex::Update(std::string_view project_id, std::string_view account_id,
                           std::string_view end_user, std::string_view name, std::string_view owner,
                           ProjectStatus status) {
  const std::string id(project_id);
  Remove(id);
  const bool active = status != ProjectStatus::kOnHold && status != ProjectStatus::kRejected &&
                      status != ProjectStatus::kClosed;
  if (!active) return;
  Entry e{std::string(account_id), NormalizeName(end_user), NormalizeName(name), std::string(owner)};
  if (!e.account.empty()) by_account_[e.account].insert(id);
  if (!e.end_user.empty()) by_end_user_[e.end_user].insert(id);
  if (!e.name.empty()) by_name_[e.name].insert(id);
  entries_.emplace(id, std::move(e));
}

std::vector<std::string> ConflictIndex::PossibleConflicts(std::string_view account_id,
                                                          std::string_view end_user,
                                                          std::string_view name,
                                                          std::string_view applicant) const {
  std::set<std::string> found;
  auto collect = [&](const auto& index, const std::string& key) {
    if (key.empty()) return;
    auto it = index.find(key);
    if (it == index.end()) return;
    for (const auto& id : it->second) {
      if (entries_.at(id).owner != applicant) found.insert(id);
    }
  };
  collect(by_account_, std::string(account_id));
  collect(by_end_user_, NormalizeName(end_user));
  collect(by_name_, NormalizeName(name));
  return {found.begin(), found.end()};
}

}  // namespace keyledger::projections
