// The usual visitor helper: std::visit(Overloaded{[](const A&){...}, ...}, v).
#pragma once

namespace keyledger::domain {
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;
}  // namespace keyledger::domain
