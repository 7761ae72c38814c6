// A value or an error, returned across module boundaries instead of throwing.
// C++20 has no std::expected; this is the small subset keyledger needs.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

namespace keyledger {

// Wraps an error so that Result<T, E> can be built from it even when T and E convert.
template <class E>
struct Failure {
  E error;
};
template <class E>
Failure<std::decay_t<E>> Fail(E&& error) {
  return {std::forward<E>(error)};
}

// Result<T, E>: exactly one of a T (success) or an E (failure). Must be looked at.
template <class T, class E>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  template <class F>
  Result(Failure<F> f) : v_(std::in_place_index<1>, std::move(f.error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  const E& error() const { assert(!ok()); return std::get<1>(v_); }
  E& error() { assert(!ok()); return std::get<1>(v_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, E> v_;
};

// Status-like result with no value.
struct Ok {};

}  // namespace keyledger
