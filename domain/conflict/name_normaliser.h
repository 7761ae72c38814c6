// Name normalisation for conflict detection (R-P2), in pure std C++ over UTF-8 (no ICU in the
// domain). Two spellings of one company normalise to the same key:
//   华为技术有限公司 / 华为技术 / 华为技术（中国）有限公司 → "华为技术";  ＡＢＣ Co., Ltd. / abc → "abc".
#pragma once

#include <string>
#include <string_view>

namespace keyledger::domain {

// Folding: full-width ASCII U+FF01–FF5E → ASCII, ideographic space U+3000 → space, ASCII
// lowercase; removes spaces and punctuation (ASCII, CJK U+3000–303F, general U+2010–206F, ·);
// drops "(中国)"/"(china)" markers and trailing legal-form suffixes (有限公司, 股份有限公司,
// 有限责任公司, 集团, 公司, Co., Ltd., Limited, Inc., Corp., Corporation, Group, Company, LLC).
// Invalid UTF-8 bytes are dropped. Never returns a key made empty by suffix stripping alone
// ("集团" stays "集团").
std::string NormaliseCompanyName(std::string_view name);

// The same folding without suffix stripping, for project names.
std::string NormaliseProjectName(std::string_view name);

// The same keys written into `out` (replacing its contents), for hot paths that reuse one buffer
// instead of allocating a string per call (ConflictIndex::FindConflicts).
void NormaliseCompanyNameInto(std::string_view name, std::string& out);
void NormaliseProjectNameInto(std::string_view name, std::string& out);

}  // namespace keyledger::domain
