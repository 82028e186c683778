#pragma once
// "Did you mean": the candidate closest to a misspelt word.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

// The candidate with the smallest case-insensitive edit distance
// (Damerau-Levenshtein: insert, delete, substitute, swap neighbours) to
// `word`, if that distance is small for the word's length (at most 1 for
// words up to 4 letters, 2 up to 8, then a third of the length). A candidate
// that differs only in case always qualifies.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mlkg
