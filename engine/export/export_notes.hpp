#pragma once
// Notes: what an export could not carry as it was, counted by kind.
//
// Writers add one note per entity or value changed ("lists were written as
// JSON strings"); the export's summary prints each kind once with its count
// ("12 lists were written as JSON strings"). Kinds are kept in the order of
// their text, so the summary is stable.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mlkg::exporter {

class Notes {
 public:
  // Counts `count` more of `what`, a plural phrase that reads after a number.
  void add(const std::string& what, uint64_t count = 1) { counts_[what] += count; }
  bool empty() const { return counts_.empty(); }
  // "<count> <what>", one per kind.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const auto& [what, n] : counts_) out.push_back(std::to_string(n) + " " + what);
    return out;
  }

 private:
  std::map<std::string, uint64_t> counts_;
};

}  // namespace mlkg::exporter
