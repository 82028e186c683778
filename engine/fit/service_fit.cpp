#include "engine/fit/service_fit.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "engine/common/query_error.hpp"
#include "engine/common/utf8.hpp"

namespace mlkg::fit {

namespace {

// The properties whose text a document is made of.
constexpr std::string_view kTextKeys[] = {"name", "aliases", "former_names", "summary", "ml_integration"};

// How much a piece of evidence counts, by how it reaches the service.
constexpr double kSelfWeight = 1.0, kUseCaseWeight = 1.0, kFeatureWeight = 0.8, kConceptWeight = 0.5,
                 kItemWeight = 0.25;
// Each further piece of evidence counts this much of the one before.
constexpr double kDecay = 0.5;
// Out-of-scope services' scores are multiplied by this.
constexpr double kOutOfScope = 0.5;
// Synonyms found through the table count this much of a typed word.
constexpr double kSynonymWeight = 0.5;

// `s` cut to about `n` characters at a word boundary, with an ellipsis.
std::string cut(const std::string& s, size_t n) {
  if (utf8::length(s) <= n) return s;
  std::string out = s.substr(0, utf8::offset_of(s, n));
  if (size_t space = out.find_last_of(' '); space != std::string::npos && space > n / 2) out.resize(space);
  return out + "...";
}

std::string quoted(const std::string& s) {
  std::string out = "\"";  // appended piece by piece: g++ 12 warns (-Wrestrict) about "\"" + std::string
  out += cut(s, 70);
  out += '"';
  return out;
}

struct Names {
  std::optional<storage::LabelId> service, feature, use_case, concept_label, knowledge, skill, synonym;
  std::optional<storage::TypeId> fits, part_of, implements, mentions;
  std::optional<storage::PropertyKeyId> id, name, summary, scope, terms;
  std::set<storage::PropertyKeyId> text;
};

bool has(const storage::NodeRecord& n, std::optional<storage::LabelId> l) {
  return l && std::find(n.labels.begin(), n.labels.end(), *l) != n.labels.end();
}

const Value* property(const storage::NodeRecord& n, std::optional<storage::PropertyKeyId> key) {
  if (!key) return nullptr;
  for (const auto& p : n.properties)
    if (p.key == *key) return &p.value;
  return nullptr;
}

std::string string_of(const storage::NodeRecord& n, std::optional<storage::PropertyKeyId> key) {
  const Value* v = property(n, key);
  return v && v->is_string() ? v->as_string() : std::string();
}

}  // namespace

FitModel FitModel::build(procedure::ProcedureContext& ctx) {
  const storage::Catalog& cat = ctx.catalog();
  Names k;
  k.service = cat.find_label("Service");
  k.feature = cat.find_label("Feature");
  k.use_case = cat.find_label("UseCase");
  k.concept_label = cat.find_label("Concept");
  k.knowledge = cat.find_label("Knowledge");
  k.skill = cat.find_label("Skill");
  k.synonym = cat.find_label("Synonym");
  k.fits = cat.find_type("FITS");
  k.part_of = cat.find_type("PART_OF");
  k.implements = cat.find_type("IMPLEMENTS");
  k.mentions = cat.find_type("MENTIONS");
  k.id = cat.find_key("id");
  k.name = cat.find_key("name");
  k.summary = cat.find_key("summary");
  k.scope = cat.find_key("scope");
  k.terms = cat.find_key("terms");
  for (std::string_view key : kTextKeys)
    if (auto id = cat.find_key(key)) k.text.insert(*id);

  FitModel m;
  std::unordered_map<uint64_t, uint32_t> doc_of;      // node -> document
  std::unordered_map<uint64_t, uint32_t> service_of;  // node -> index in services_
  std::set<uint64_t> features, items;
  uint64_t seen = 0;
  storage::NodeRecordCursor nodes = ctx.txn().scan_node_records();
  for (; nodes.valid(); nodes.next()) {
    if ((++seen & 0xfff) == 0) ctx.check_cancelled();
    const storage::NodeRecord& n = nodes.record();
    if (has(n, k.synonym)) {
      if (const Value* t = property(n, k.terms)) m.synonyms_.add_group(string_elements(*t));
      continue;
    }
    const bool service = has(n, k.service), feature = has(n, k.feature),
               item = has(n, k.knowledge) || has(n, k.skill);
    if (!service && !feature && !item && !has(n, k.use_case) && !has(n, k.concept_label)) continue;
    std::string text;
    for (const auto& p : n.properties)
      if (k.text.count(p.key))
        for (const auto& s : string_elements(p.value)) text.append(s).append(" \n ");
    // The words and the pairs of neighbouring words (phrases, see bigrams()).
    const std::vector<text::Term> analysed = text::analyze(text);
    std::vector<std::string> terms = text::bigrams(analysed);
    for (const text::Term& t : analysed) terms.push_back(t.text);
    const uint32_t doc = m.corpus_.add(terms);
    std::string name = string_of(n, k.name), id = string_of(n, k.id);
    m.docs_.push_back({n.id, item && !id.empty() ? id + " " + quoted(name) : quoted(name.empty() ? id : name),
                       string_of(n, k.summary)});
    doc_of[n.id] = doc;
    if (feature) features.insert(n.id);
    if (item) items.insert(n.id);
    if (service) {
      service_of[n.id] = static_cast<uint32_t>(m.services_.size());
      m.services_.push_back({n.id, name.empty() ? id : name, string_of(n, k.scope) != "OUT", {{Via::kSelf, doc}}});
    }
  }
  query::throw_if_failed(nodes.status());

  std::unordered_map<uint64_t, uint64_t> service_of_feature;
  std::vector<std::pair<uint64_t, uint64_t>> feature_fits;  // (feature, use case)
  storage::RelCursor rels = ctx.txn().scan_rels();
  for (; rels.valid(); rels.next()) {
    if ((++seen & 0xfff) == 0) ctx.check_cancelled();
    const storage::RelRecord& r = rels.record();
    auto start_doc = doc_of.find(r.start), end_doc = doc_of.find(r.end);
    if (start_doc == doc_of.end() || end_doc == doc_of.end()) continue;
    auto start_service = service_of.find(r.start), end_service = service_of.find(r.end);
    if (r.type == k.fits) {
      if (start_service != service_of.end())
        m.services_[start_service->second].links.push_back({Via::kUseCase, end_doc->second});
      else if (features.count(r.start))
        feature_fits.emplace_back(r.start, r.end);
    } else if (r.type == k.part_of && features.count(r.start) && end_service != service_of.end()) {
      m.services_[end_service->second].links.push_back({Via::kFeature, start_doc->second});
      service_of_feature[r.start] = r.end;
    } else if (r.type == k.implements && start_service != service_of.end()) {
      m.services_[start_service->second].links.push_back({Via::kConcept, end_doc->second});
    } else if (r.type == k.mentions && items.count(r.start) && end_service != service_of.end()) {
      m.services_[end_service->second].links.push_back({Via::kItem, start_doc->second});
    }
  }
  query::throw_if_failed(rels.status());
  for (const auto& [feature, use_case] : feature_fits) {
    auto owner = service_of_feature.find(feature);
    if (owner == service_of_feature.end()) continue;
    m.services_[service_of.at(owner->second)].links.push_back(
        {Via::kFeatureUseCase, doc_of.at(use_case), doc_of.at(feature)});
  }
  return m;
}

std::string FitModel::describe(const Service& s, const Link& l) const {
  const Document& d = docs_[l.doc];
  switch (l.via) {
    case Via::kSelf: return s.name + (d.summary.empty() ? std::string() : ": " + quoted(d.summary));
    case Via::kUseCase: return s.name + " -FITS-> " + d.title;
    case Via::kFeature: return s.name + " <-PART_OF- " + d.title;
    case Via::kFeatureUseCase: return s.name + " <-PART_OF- " + docs_[l.through].title + " -FITS-> " + d.title;
    case Via::kConcept: return s.name + " -IMPLEMENTS-> " + d.title;
    case Via::kItem: return s.name + " <-MENTIONS- " + d.title;
  }
  return s.name;
}

std::vector<FitAnswer> FitModel::rank(std::string_view question, const FitOptions& options) const {
  const text::SynonymTable::Expansion expansion = synonyms_.expand(question, kSynonymWeight);
  if (expansion.terms.empty()) return {};
  // How each term came into the query, for the explanation: a word as typed,
  // or a synonym ("real time ~ streaming").
  std::map<std::string, std::string> synonym;
  const std::vector<text::Term> typed = text::analyze(question);
  for (size_t i = 0; i < expansion.terms.size(); ++i)
    if (!expansion.origin[i].empty()) synonym.try_emplace(expansion.terms[i].text, expansion.origin[i]);

  struct Hit {
    double score;
    const std::vector<std::string>* matched;
  };
  std::unordered_map<uint32_t, Hit> hits;
  std::vector<text::Bm25Corpus::Hit> found = corpus_.search(expansion.terms);
  for (const auto& h : found) hits.emplace(h.doc, Hit{h.score, &h.matched});

  auto weight_of = [](Via via) {
    switch (via) {
      case Via::kSelf: return kSelfWeight;
      case Via::kUseCase: return kUseCaseWeight;
      case Via::kFeature:
      case Via::kFeatureUseCase: return kFeatureWeight;
      case Via::kConcept: return kConceptWeight;
      case Via::kItem: return kItemWeight;
    }
    return 0.0;
  };

  std::vector<FitAnswer> answers;
  for (const Service& s : services_) {
    if (!s.in_scope && !options.include_out_of_scope) continue;
    std::vector<std::pair<double, const Link*>> evidence;
    for (const Link& l : s.links)
      if (auto h = hits.find(l.doc); h != hits.end()) evidence.emplace_back(h->second.score * weight_of(l.via), &l);
    if (evidence.empty()) continue;
    std::stable_sort(evidence.begin(), evidence.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    FitAnswer a;
    a.service = s.node;
    a.name = s.name;
    a.in_scope = s.in_scope;
    double factor = 1.0;
    std::set<std::string> terms;
    for (const auto& [score, link] : evidence) {
      a.score += score * factor;
      factor *= kDecay;
      if (a.evidence.size() < 3) a.evidence.push_back(describe(s, *link));
      terms.insert(hits.at(link->doc).matched->begin(), hits.at(link->doc).matched->end());
    }
    if (!s.in_scope) a.score *= kOutOfScope;
    // The question's words in its order, then the synonyms that matched.
    auto add = [&](const std::string& m) {
      if (std::find(a.matched.begin(), a.matched.end(), m) == a.matched.end()) a.matched.push_back(m);
    };
    for (const text::Term& t : typed)
      if (terms.count(t.text)) add(t.word);
    for (const auto& term : terms)
      if (auto y = synonym.find(term); y != synonym.end()) add(y->second);
    answers.push_back(std::move(a));
  }
  std::stable_sort(answers.begin(), answers.end(), [](const FitAnswer& a, const FitAnswer& b) {
    return a.score != b.score ? a.score > b.score : a.name < b.name;
  });
  if (answers.size() > options.limit) answers.resize(options.limit);
  return answers;
}

}  // namespace mlkg::fit
