// A child process for the crash test: writes a stream of nodes and
// relationships into the database given as argv[1] until it is killed.
//
// After each commit returns it prints one line, "<kind> <first> <count>", to
// stdout and flushes: the nodes with `seq` values first..first+count-1 are
// then acknowledged, so the parent knows exactly what must survive a kill.
// Every node has a relationship to the node written before it, so a torn
// write would show up as a missing adjacency entry or a dangling edge. Every
// node also has a `text` that a full-text index holds, and each transaction
// rewrites the text of the node before, so a torn write would also show up
// as a stale posting or statistics that disagree with the nodes.
// kind is "txn" (one WriteTransaction per node) or "bulk" (a BulkWriter batch).

#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/storage/bulk_writer.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/record_codec.hpp"
#include "engine/storage/transaction.hpp"
#include "engine/text/fulltext_document.hpp"

using namespace mlkg;
using namespace mlkg::storage;

namespace {

// The options the engine opens a store with: the English analyzer keeps the
// full-text index these tests write. The writer holds the lock while it runs
// (as a script that writes does): thousands of writes before the kill.
OpenOptions with_text_analyzer() {
  OpenOptions options;
  options.access = Access::kExclusive;
  options.text_analyzer = text::english_text_analyzer();
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: mlkg_crash_writer DIR\n");
    return 2;
  }
  std::unique_ptr<GraphStore> store;
  if (Status s = GraphStore::open(argv[1], with_text_analyzer(), &store); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.to_string().c_str());
    return 3;
  }
  // Continue the sequence where an earlier (killed) writer stopped.
  int64_t seq = 0;
  NodeId previous = kNoId;
  {
    auto txn = store->begin_read();
    if (auto key = txn->catalog().find_key("seq")) {
      NodeRecordCursor c = txn->scan_node_records();
      for (; c.valid(); c.next()) {
        const Value* v = find_property(c.record().properties, *key);
        if (v && v->as_int() >= seq) {
          seq = v->as_int() + 1;
          previous = c.record().id;
        }
      }
    }
  }
  // The full-text index, created once (atomically: it exists or it does not).
  if (!store->catalog()->find_fulltext_index("chain")) {
    std::unique_ptr<WriteTransaction> txn;
    if (!store->begin_write(&txn).ok()) return 1;
    if (!txn->create_fulltext_index("chain", {txn->label_id("Txn"), txn->label_id("Bulk")}, {txn->key_id("text")},
                                    nullptr)
             .ok() ||
        !txn->commit().ok())
      return 1;
  }
  auto text_of = [](int64_t n) { return Value("node " + std::to_string(n) + " w" + std::to_string(n % 13) + " chain"); };
  for (int round = 0;; ++round) {
    if (round % 10 == 9) {
      std::unique_ptr<BulkWriter> bulk;
      if (!store->begin_bulk(&bulk).ok()) return 1;
      LabelId label = bulk->label_id("Bulk");
      PropertyKeyId key = bulk->key_id("seq");
      PropertyKeyId text = bulk->key_id("text");
      TypeId type = bulk->type_id("NEXT");
      int64_t first = seq;
      for (int i = 0; i < 200; ++i, ++seq) {
        NodeRecord rec;
        rec.id = bulk->allocate_node_id();
        rec.labels = {label};
        rec.properties = {{key, Value(seq)}, {text, text_of(seq)}};
        if (rec.properties[0].key > rec.properties[1].key) std::swap(rec.properties[0], rec.properties[1]);
        NodeId id = rec.id;
        bulk->stage_node(std::move(rec), nullptr);
        if (previous != kNoId) {
          std::string props;
          encode_properties(&props, {{key, Value(seq)}});
          bulk->stage_rel(bulk->allocate_rel_id(), type, previous, id, false, props);
        }
        previous = id;
      }
      if (!bulk->commit().ok()) return 1;
      std::printf("bulk %lld %d\n", static_cast<long long>(first), 200);
    } else {
      std::unique_ptr<WriteTransaction> txn;
      if (!store->begin_write(&txn).ok()) return 1;
      NodeId id;
      PropertyKeyId key = txn->key_id("seq");
      PropertyKeyId text = txn->key_id("text");
      if (!txn->create_node({txn->label_id("Txn")}, {{key, Value(seq)}, {text, text_of(seq)}}, &id).ok()) return 1;
      if (previous != kNoId &&
          !txn->create_rel(txn->type_id("NEXT"), previous, id, {{key, Value(seq)}}, false, nullptr).ok())
        return 1;
      if (previous != kNoId &&
          !txn->set_node_property(previous, text, Value("relinked to " + std::to_string(seq) + " chain")).ok())
        return 1;
      if (!txn->commit().ok()) return 1;
      std::printf("txn %lld 1\n", static_cast<long long>(seq));
      ++seq;
      previous = id;
    }
    std::fflush(stdout);
  }
}
