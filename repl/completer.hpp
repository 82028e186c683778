#pragma once
// Tab completion for the interactive shell: what to offer for the word at
// the cursor, from the statement typed so far and the graph's vocabulary.
//
// The text is usually an unfinished statement, so it is not parsed: a small
// tolerant tokenizer (strings, `quoted names`, comments, brackets) reads it
// and the context is judged from the tokens before the cursor:
//
//   where the cursor is                      what is offered
//   a word in a query                        keywords (in the case typed: mat -> match,
//                                            MAT/Mat -> MATCH), functions with '('
//                                            (toL -> toLower(), variables bound earlier
//   CALL db.sch                              procedure names
//   (n:Ser   (:   (n:Service:   WHERE n:     labels (those already in the pattern left out)
//   -[:   -[r:   <-[:   [:A|                 relationship types; when the node on the left
//                                            has a label (written there or bound earlier),
//                                            only the types that leave it (-[) or enter it
//                                            (<-[) in the data, or all if none do
//   v.na   (s:Service {na   n{.na            property keys: of v's labels, of a relationship
//                                            variable's types, or all keys
//   '...  "...                               node names (or ids after {id: ' and v.id = ');
//                                            restricted to the pattern's or variable's label
//   (   [   at a pattern's variable          variables bound earlier
//   :ex   (a statement starting with ':')    meta-command names
//   :export ~/da                             file paths, after a command that takes one
//
// Inside comments, after AS (a new name), in numbers and parameters, and
// anywhere else nothing fits, the result is empty.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "repl/graph_vocabulary.hpp"

namespace mlkg::repl {

// A meta-command the shell knows, for completion: its name with the colon
// (":export") and whether its argument is a file path.
struct MetaCommandSpec {
  std::string name;
  bool takes_path = false;
};

struct Completion {
  // Byte offset in `text` where the word being completed starts: the shell
  // replaces text[replace_from, cursor) with the chosen candidate.
  size_t replace_from = 0;
  // Each a full replacement for that range, without duplicates. Names of
  // nodes are ranked (exact matches, then prefixes of the name, of an alias,
  // of the id, then words inside the name; alphabetically within a rank) and
  // at most kMaxNodeCandidates; everything else is sorted alphabetically,
  // ignoring case.
  std::vector<std::string> candidates;
  // Same length: what a list of choices shows for each. For a node, the name
  // (or id) and which node it is: "Amazon Kinesis Data Streams  (:Service
  // kinesis-data-streams, alias KDS)"; for a path, its last component; else
  // the candidate itself.
  std::vector<std::string> shown;
};

inline constexpr size_t kMaxNodeCandidates = 50;

// What Tab offers at the end of `text`: everything typed for the current
// statement up to the cursor (earlier lines of a multi-line statement joined
// with '\n'). A candidate that completes a string ends with its closing
// quote (and has quotes and backslashes inside escaped); a label, type, key
// or variable that is not a plain identifier comes in backticks; a directory
// ends with '/'. Never throws; reads the file system only to complete paths.
Completion complete(std::string_view text, const GraphVocabulary& vocab, const std::vector<MetaCommandSpec>& meta);

}  // namespace mlkg::repl
