#pragma once
// Use-case fit: which services fit a question such as "stream IoT telemetry
// in real time and land it in S3", ranked, each with the reasons.
//
// Text relevance and the graph together. Every node with text (a service's
// name, aliases and summary; a use case; a feature; a concept; a syllabus
// item) is a document; the question, expanded with the synonym table
// (Synonym nodes), is scored against them all with BM25. A service then
// collects evidence along its relationships:
//
//   its own text                                       weight 1.0
//   (service)-[:FITS]->(use case)                      weight 1.0
//   (feature)-[:PART_OF]->(service), its text          weight 0.8
//   (feature)-[:FITS]->(use case), for its service     weight 0.8
//   (service)-[:IMPLEMENTS]->(concept)                 weight 0.5
//   (knowledge or skill item)-[:MENTIONS]->(service)   weight 0.25
//
// Its score is the sum of its evidence, best first, each piece counting half
// as much as the one before (so one strong reason beats many faint ones, and
// several good ones beat one). Out-of-scope services (scope 'OUT') score half
// and are flagged. Labels and relationship types are read by name, so any
// graph with this shape can be asked.
//
// FitModel reads the graph once (about 10 ms for the syllabus graph) and
// then answers any number of questions (about 0.3 ms each); it holds no
// storage resources, so kg.fit keeps one per committed state of the
// database and shares it between readers (fit_procedure.cpp).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/procedure/procedure_context.hpp"
#include "engine/text/bm25.hpp"
#include "engine/text/synonyms.hpp"

namespace mlkg::fit {

struct FitOptions {
  size_t limit = 5;
  bool include_out_of_scope = true;
};

struct FitAnswer {
  uint64_t service = 0;  // node id
  std::string name;
  double score = 0;
  bool in_scope = true;
  // The question's words that matched this service's evidence (as typed),
  // then the synonyms that did ("streaming ~ real time").
  std::vector<std::string> matched;
  // Why, strongest first: paths such as
  //   Amazon Data Firehose -FITS-> "Deliver streaming data to S3 in near real time"
  std::vector<std::string> evidence;
};

class FitModel {
 public:
  // Reads the services, the documents and the relationships between them
  // through the statement's transaction. Throws QueryError on a storage error, or when the
  // statement is cancelled.
  static FitModel build(procedure::ProcedureContext& ctx);

  // The services that fit `question`, best first, at most options.limit;
  // none when nothing in the question matches anything.
  std::vector<FitAnswer> rank(std::string_view question, const FitOptions& options) const;

  size_t services() const { return services_.size(); }

 private:
  enum class Via : uint8_t { kSelf, kUseCase, kFeature, kFeatureUseCase, kConcept, kItem };
  struct Link {
    Via via;
    uint32_t doc;          // the document the evidence is about
    uint32_t through = 0;  // kFeatureUseCase: the feature's document
  };
  struct Service {
    uint64_t node;
    std::string name;
    bool in_scope;
    std::vector<Link> links;
  };
  struct Document {
    uint64_t node;
    std::string title;    // how evidence names it: "Amazon S3", or 1.2.K3 "Knowledge of ..." for an item
    std::string summary;  // may be empty
  };

  std::string describe(const Service& s, const Link& l) const;

  text::Bm25Corpus corpus_;
  std::vector<Document> docs_;
  std::vector<Service> services_;
  text::SynonymTable synonyms_;
};

}  // namespace mlkg::fit
