#include "repl/meta_commands.hpp"

#include <algorithm>
#include <cctype>

#include "engine/common/suggest.hpp"
#include "engine/common/unicode.hpp"

namespace mlkg::repl {

const std::vector<MetaCommand>& meta_commands() {
  static const std::vector<MetaCommand> kCommands = {
      {":help", ":help [COMMAND|keys]", "List the commands, or explain one (also the key bindings: :help keys).",
       "", ":help :param", false},
      {":quit", ":quit", "Leave the shell (also :q, :exit, or Ctrl-D on an empty line).", "", ":quit", false},
      {":schema", ":schema",
       "Labels with node counts, relationship patterns with counts, property keys, indexes and constraints.",
       "The patterns (:A)-[:T]->(:B) are those the data has, so they say which types join which labels. "
       "Indexes and constraints are listed by name (SHOW INDEXES and SHOW CONSTRAINTS give every column).",
       ":schema", false},
      {":format", ":format [table|csv|tsv|json|jsonl|markdown|plain]",
       "Show results in another format from now on (no argument: say which is in use).",
       "table is drawn for the terminal: it fits its width, cuts long values with an ellipsis and shows at most "
       "50 rows (:last shows all). The others write every row and whole values; "
       "docs/output-formats.md describes each.",
       ":format json", false},
      {":output", ":output [FILE]",
       "Write results to FILE from now on (replacing it); no argument: back to the terminal.",
       "Errors and notices still go to the terminal. Tables written to a file are not cut.", ":output results.csv",
       true},
      {":once", ":once FILE", "Write the next statement's result to FILE, then back to the terminal.", "",
       ":once domains.md", true},
      {":last", ":last", "Show the last result again, whole: every row and every value (through a pager if long).",
       "The pager is $PAGER, else less; it is used only when the result is longer than the screen.", ":last",
       false},
      {":param", ":param NAME VALUE",
       "Set the parameter $NAME to VALUE, a Cypher literal (:param NAME alone shows it).",
       "VALUE is written as in a query: 't1.1', 3, 2.5, true, null, ['s3', 'glue'], {k: 1}.",
       ":param task 't1.1'", false},
      {":params", ":params [clear]", "List the parameters that are set (clear: remove them all).", "", ":params",
       false},
      {":timing", ":timing [on|off]", "Show or hide each statement's time (on by default).", "", ":timing off",
       false},
      {":timeout", ":timeout [SECONDS|off]",
       "Stop any statement that runs longer than SECONDS (decimals allowed); off: no limit (as --timeout).",
       "Without an argument, says the current limit. A stopped statement changes nothing.", ":timeout 2.5", false},
      {":max-memory", ":max-memory [SIZE|off]",
       "Stop any statement that needs more than SIZE of memory (512M, 2G, 1.5GiB); off: no limit (as --max-memory).",
       "Without an argument, says the current budget; it starts at --max-memory, by default half the memory. "
       "It counts what a statement holds at once: its rows, values, sorts and groups, pending writes. "
       "A stopped statement changes nothing.",
       ":max-memory 2G", false},
      {":fit", ":fit QUESTION",
       "Rank the services that fit a use case described in words, and say why (CALL kg.fit).",
       "Each answer shows the words that matched and the relationships behind it (a use case the service fits, "
       "a feature, a concept, a syllabus item); out-of-scope services are flagged. Other formats than table "
       "give kg.fit's rows.",
       ":fit stream clickstream events to S3 in near real time", false},
      {":show", ":show NAME | :show QUERY",
       "A card of one node (its properties, then its neighbours by relationship type), or a picture of a subgraph.",
       "NAME is an id, a name or an alias in any case (kds, Amazon S3, sagemaker-clarify), or part of a name; "
       "when several nodes match, they are listed. A QUERY (MATCH ..., CALL ...) draws the nodes, relationships "
       "and paths it returns as mlkg-show-<n>.svg in the current folder, through Graphviz, and prints the path.",
       ":show kds", false},
      {":compare", ":compare A B",
       "Two nodes side by side: their properties, the relationships both have, and those only one has.",
       "A and B are ids or aliases, or quoted names: :compare \"AWS Glue\" emr.", ":compare glue emr", false},
      {":path", ":path A B [TYPE ...]",
       "The shortest way from one node to another, along relationships in either direction (algo.shortestPath).",
       "A and B as for :show (quote names with spaces). TYPEs, if given, are the relationship types it may use: "
       ":path firehose sagemaker DELIVERS_TO READS_FROM STORES_IN.",
       ":path firehose sagemaker", false},
      {":export", ":export FORMAT FILE [QUERY]",
       "Write the nodes, relationships and paths QUERY returns (no QUERY: the whole graph) to FILE as FORMAT.",
       "FORMAT: svg or png (a picture, through Graphviz), dot, graphml or gexf (Gephi, yEd, Cytoscape), "
       "cytoscape or jgf (JSON), mermaid (for notes), cypher (a script for Neo4j, Memgraph, Neptune or mlkg), "
       "neo4j-csv (FILE: a directory), pg, pgjson, pgjsonl. $parameters set with :param apply. The summary says "
       "what the format could not carry; docs/formats.md describes each format.",
       ":export svg task-1.1.svg MATCH (t:Task {id: 't1.1'})-[r:MENTIONS]->(s:Service) RETURN t, r, s", true},
      {":explain", ":explain QUERY", "Show the plan of QUERY without running it (as EXPLAIN QUERY).", "",
       ":explain MATCH (s:Service {id: 's3'})<-[:READS_FROM]-(x) RETURN x.name", false},
      {":source", ":source FILE",
       "Run the statements and commands of FILE, as if typed (~/.mlkgrc runs this way at start).", "",
       ":source queries.cypher", true},
      {":history", ":history [N]", "List the last N statements of the history (20 without N).",
       "History is kept across sessions in the mlkg data folder (--no-history turns it off); "
       "Up and Down walk it, Ctrl-R searches it.",
       ":history 50", false},
  };
  return kCommands;
}

const MetaCommand* find_meta_command(std::string_view name) {
  std::string n = unicode::to_lower_ascii(name);
  if (n.empty() || n[0] != ':') n.insert(n.begin(), ':');
  if (n == ":q" || n == ":exit") n = ":quit";
  if (n == ":h" || n == ":?") n = ":help";
  for (const auto& c : meta_commands())
    if (c.name == n) return &c;
  return nullptr;
}

std::string closest_meta_command(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& c : meta_commands()) names.emplace_back(c.name.substr(1));
  std::string_view word = name;
  if (!word.empty() && word[0] == ':') word.remove_prefix(1);
  auto match = closest_match(word, names);
  return match ? ":" + *match : "";
}

}  // namespace mlkg::repl
