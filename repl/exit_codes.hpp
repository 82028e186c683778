#pragma once
// Exit codes of the mlkg program (DESIGN.md section 5). Scripts depend on
// them: never change a value.

namespace mlkg::repl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;      // a statement or command failed
inline constexpr int kExitUsage = 2;       // bad arguments
inline constexpr int kExitCannotOpen = 3;  // the database could not be opened

}  // namespace mlkg::repl
