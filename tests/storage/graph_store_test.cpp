#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <unistd.h>

#include <rocksdb/db.h>

#include "engine/storage/bulk_writer.hpp"
#include "engine/storage/consistency_check.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/key_codec.hpp"
#include "engine/storage/transaction.hpp"
#include "support/temp_dir.hpp"

using namespace mlkg;
using namespace mlkg::storage;

namespace {

std::unique_ptr<GraphStore> open_store(const std::string& dir, bool read_only = false) {
  std::unique_ptr<GraphStore> store;
  OpenOptions o;
  o.access = read_only ? Access::kReadOnly : Access::kShared;
  Status s = GraphStore::open(dir, o, &store);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return store;
}

std::unique_ptr<WriteTransaction> begin_write(GraphStore& store) {
  std::unique_ptr<WriteTransaction> txn;
  REQUIRE(store.begin_write(&txn).ok());
  return txn;
}

void require_consistent(GraphStore& store) {
  CheckReport report;
  REQUIRE(check_consistency(store, &report).ok());
  std::string all;
  for (const auto& p : report.problems) all += p + "\n";
  INFO(all);
  REQUIRE(report.ok());
}

std::vector<NodeId> collect(NodeCursor c) {
  std::vector<NodeId> out;
  for (; c.valid(); c.next()) out.push_back(c.node());
  REQUIRE(c.status().ok());
  return out;
}

std::vector<AdjEntry> collect(AdjCursor c) {
  std::vector<AdjEntry> out;
  for (; c.valid(); c.next()) out.push_back(c.entry());
  REQUIRE(c.status().ok());
  return out;
}

uint64_t label_count(Transaction& t, LabelId l) {
  uint64_t n;
  REQUIRE(t.count_nodes_with_label(l, &n).ok());
  return n;
}

}  // namespace

TEST_CASE("graph store: nodes and relationships written in one transaction read back after reopening", "[storage]") {
  test::TempDir dir;
  NodeId s3, firehose;
  RelId rel;
  {
    auto store = open_store(dir.path());
    auto txn = begin_write(*store);
    LabelId service = txn->label_id("Service");
    PropertyKeyId name = txn->key_id("name"), aliases = txn->key_id("aliases");
    TypeId delivers = txn->type_id("DELIVERS_TO");
    REQUIRE(txn->create_node({service}, {{name, Value("Amazon S3")}}, &s3).ok());
    REQUIRE(txn->create_node({service, service}, {{aliases, Value(ValueList{Value("KDF"), Value("Firehose")})},
                                                  {name, Value("Amazon Data Firehose")}},
                             &firehose)
                .ok());
    REQUIRE(txn->create_rel(delivers, firehose, s3, {{txn->key_id("source"), Value("aws-docs")}}, false, &rel).ok());
    // Reads inside the transaction see its own writes.
    std::optional<NodeRecord> rec;
    REQUIRE(txn->get_node(firehose, &rec).ok());
    REQUIRE(rec);
    REQUIRE(rec->labels == std::vector<LabelId>{service});
    REQUIRE(txn->commit().ok());
  }
  auto store = open_store(dir.path());
  auto t = store->begin_read();
  const Catalog& cat = t->catalog();
  REQUIRE(cat.find_label("Service") == LabelId{1});
  REQUIRE(cat.find_type("DELIVERS_TO") == TypeId{1});
  std::optional<NodeRecord> rec;
  REQUIRE(t->get_node(firehose, &rec).ok());
  REQUIRE(rec);
  REQUIRE(rec->properties.size() == 2);
  REQUIRE(*find_property(rec->properties, *cat.find_key("name")) == Value("Amazon Data Firehose"));
  REQUIRE(*find_property(rec->properties, *cat.find_key("aliases")) == Value(ValueList{Value("KDF"), Value("Firehose")}));
  std::optional<RelRecord> r;
  REQUIRE(t->get_rel(rel, &r).ok());
  REQUIRE(r);
  REQUIRE(r->start == firehose);
  REQUIRE(r->end == s3);
  REQUIRE(t->get_node(999, &rec).ok());
  REQUIRE_FALSE(rec);

  // Both adjacency directions, by type and without.
  auto out = collect(t->expand(firehose, Direction::kOut));
  REQUIRE(out.size() == 1);
  REQUIRE(out[0] == AdjEntry{firehose, Direction::kOut, 1, s3, rel});
  auto in = collect(t->expand(s3, Direction::kIn, TypeId{1}));
  REQUIRE(in.size() == 1);
  REQUIRE(in[0] == AdjEntry{s3, Direction::kIn, 1, firehose, rel});
  REQUIRE(collect(t->expand(s3, Direction::kOut)).empty());
  REQUIRE(collect(t->expand(s3, std::nullopt, TypeId{2})).empty());
  REQUIRE(collect(t->expand(s3)).size() == 1);

  REQUIRE(collect(t->scan_label(1)) == std::vector<NodeId>{s3, firehose});
  REQUIRE(collect(t->scan_nodes()) == std::vector<NodeId>{s3, firehose});
  uint64_t n;
  REQUIRE(t->count_nodes(&n).ok());
  REQUIRE(n == 2);
  REQUIRE(t->count_rels_with_type(1, &n).ok());
  REQUIRE(n == 1);
  REQUIRE(label_count(*t, 1) == 2);
  require_consistent(*store);
}

TEST_CASE("graph store: a transaction that does not commit leaves nothing behind, not even new names", "[storage]") {
  test::TempDir dir;
  auto store = open_store(dir.path());
  {
    auto txn = begin_write(*store);
    NodeId n;
    REQUIRE(txn->create_node({txn->label_id("Ghost")}, {}, &n).ok());
  }
  auto t = store->begin_read();
  uint64_t count;
  REQUIRE(t->count_nodes(&count).ok());
  REQUIRE(count == 0);
  REQUIRE_FALSE(t->catalog().find_label("Ghost"));
  // And the next writer starts from the same ids.
  auto txn = begin_write(*store);
  NodeId n;
  REQUIRE(txn->create_node({}, {}, &n).ok());
  REQUIRE(n == 1);
}

TEST_CASE("graph store: a read transaction keeps its snapshot while a writer commits", "[storage]") {
  test::TempDir dir;
  auto store = open_store(dir.path());
  auto before = store->begin_read();
  auto txn = begin_write(*store);
  NodeId n;
  REQUIRE(txn->create_node({txn->label_id("A")}, {}, &n).ok());
  REQUIRE(txn->commit().ok());
  std::optional<NodeRecord> rec;
  REQUIRE(before->get_node(n, &rec).ok());
  REQUIRE_FALSE(rec);
  uint64_t count;
  REQUIRE(before->count_nodes(&count).ok());
  REQUIRE(count == 0);
  auto after = store->begin_read();
  REQUIRE(after->get_node(n, &rec).ok());
  REQUIRE(rec);
}

TEST_CASE("graph store: the data version changes with every commit, import and property write, and only then",
          "[storage]") {
  test::TempDir dir;
  auto store = open_store(dir.sub("a"));
  const uint64_t v0 = store->begin_read()->data_version();
  REQUIRE(store->begin_read()->data_version() == v0);  // reading changes nothing
  REQUIRE(store->data_version() == v0);
  {
    auto txn = begin_write(*store);  // a writer that commits nothing
    REQUIRE(txn->commit().ok());
  }
  REQUIRE(store->begin_read()->data_version() == v0);
  {
    auto txn = begin_write(*store);  // one that does not commit
    NodeId n;
    REQUIRE(txn->create_node({txn->label_id("A")}, {}, &n).ok());
  }
  REQUIRE(store->begin_read()->data_version() == v0);

  auto before = store->begin_read();
  auto txn = begin_write(*store);
  NodeId n;
  REQUIRE(txn->create_node({txn->label_id("A")}, {}, &n).ok());
  REQUIRE(txn->commit().ok());
  const uint64_t v1 = store->begin_read()->data_version();
  CHECK(v1 != v0);
  CHECK(before->data_version() == v0);  // an older snapshot keeps its version

  std::unique_ptr<BulkWriter> bulk;
  REQUIRE(store->begin_bulk(&bulk).ok());
  bulk->stage_node(NodeRecord{bulk->allocate_node_id(), {bulk->label_id("B")}, {}}, nullptr);
  REQUIRE(bulk->commit().ok());
  const uint64_t v2 = store->begin_read()->data_version();
  CHECK(v2 != v1);
  CHECK(v2 != v0);

  REQUIRE(store->put_property("fingerprint", "x").ok());
  const uint64_t v3 = store->begin_read()->data_version();
  CHECK(v3 != v2);

  // Another store never shares a version with this one, even when both are new.
  auto other = open_store(dir.sub("b"));
  const uint64_t w = other->begin_read()->data_version();
  CHECK(w != v0);
  CHECK(w != v1);
  CHECK(w != v2);
  CHECK(w != v3);
}

TEST_CASE("graph store: property and label updates keep indexes and counts consistent", "[storage]") {
  test::TempDir dir;
  auto store = open_store(dir.path());
  NodeId a, b;
  IndexId by_name, by_id;
  {
    auto txn = begin_write(*store);
    LabelId service = txn->label_id("Service");
    PropertyKeyId name = txn->key_id("name"), id = txn->key_id("id");
    REQUIRE(txn->create_index(service, name, false, &by_name).ok());
    REQUIRE(txn->create_index(0, id, true, &by_id).ok());
    REQUIRE(txn->create_node({service}, {{name, Value("S3")}, {id, Value("s3")}}, &a).ok());
    REQUIRE(txn->create_node({}, {{name, Value("S3")}, {id, Value("kms")}}, &b).ok());
    REQUIRE(txn->commit().ok());
  }
  {
    auto t = store->begin_read();
    REQUIRE(collect(t->seek_index(by_name, Value("S3"))) == std::vector<NodeId>{a});  // b lacks the label
    REQUIRE(collect(t->seek_index(by_id, Value("kms"))) == std::vector<NodeId>{b});
    std::optional<NodeId> holder;
    REQUIRE(t->find_unique(by_id, Value("s3"), &holder).ok());
    REQUIRE(holder == a);
  }
  {
    auto txn = begin_write(*store);
    PropertyKeyId name = *txn->catalog().find_key("name");
    REQUIRE(txn->add_node_label(b, 1).ok());
    REQUIRE(txn->set_node_property(a, name, Value("Amazon S3")).ok());
    REQUIRE(txn->commit().ok());
  }
  {
    auto t = store->begin_read();
    REQUIRE(collect(t->seek_index(by_name, Value("S3"))) == std::vector<NodeId>{b});
    REQUIRE(collect(t->seek_index(by_name, Value("Amazon S3"))) == std::vector<NodeId>{a});
    REQUIRE(label_count(*t, 1) == 2);
  }
  require_consistent(*store);
  {
    auto txn = begin_write(*store);
    PropertyKeyId name = *txn->catalog().find_key("name");
    REQUIRE(txn->set_node_property(b, name, Value()).ok());  // null removes
    REQUIRE(txn->remove_node_label(a, 1).ok());
    REQUIRE(txn->commit().ok());
  }
  auto t = store->begin_read();
  REQUIRE(collect(t->seek_index(by_name, Value("S3"))).empty());
  REQUIRE(collect(t->seek_index(by_name, Value("Amazon S3"))).empty());
  REQUIRE(collect(t->scan_label(1)) == std::vector<NodeId>{b});
  REQUIRE(label_count(*t, 1) == 1);
  require_consistent(*store);
}

TEST_CASE("graph store: a write that breaks a unique index fails and changes nothing", "[storage]") {
  test::TempDir dir;
  auto store = open_store(dir.path());
  NodeId a;
  {
    auto txn = begin_write(*store);
    PropertyKeyId id = txn->key_id("id");
    REQUIRE(txn->create_index(0, id, true, nullptr).ok());
    REQUIRE(txn->create_node({}, {{id, Value("s3")}}, &a).ok());
    REQUIRE(txn->commit().ok());
  }
  auto txn = begin_write(*store);
  PropertyKeyId id = *txn->catalog().find_key("id");
  NodeId b;
  Status s = txn->create_node({}, {{id, Value("s3")}}, &b);
  REQUIRE(s.code() == Status::Code::kConstraintViolation);
  REQUIRE(s.message().find("'s3'") != std::string::npos);
  REQUIRE(txn->create_node({}, {{id, Value("kms")}}, &b).ok());
  REQUIRE(txn->set_node_property(b, id, Value("s3")).code() == Status::Code::kConstraintViolation);
  REQUIRE(txn->set_node_property(a, id, Value("s3")).ok());  // same node, same value
  // Creating a unique index over duplicate values fails too.
  PropertyKeyId name = txn->key_id("name");
  REQUIRE(txn->set_node_property(a, name, Value("x")).ok());
  REQUIRE(txn->set_node_property(b, name, Value("x")).ok());
  REQUIRE(txn->create_index(0, name, true, nullptr).code() == Status::Code::kConstraintViolation);
  REQUIRE(txn->commit().ok());
  require_consistent(*store);
  REQUIRE(store->catalog()->indexes().size() == 1);
}

TEST_CASE("graph store: deleting a node needs DETACH while it has relationships", "[storage]") {
  test::TempDir dir;
  auto store = open_store(dir.path());
  NodeId a, b;
  {
    auto txn = begin_write(*store);
    TypeId t = txn->type_id("USES");
    LabelId l = txn->label_id("Service");
    REQUIRE(txn->create_node({l}, {}, &a).ok());
    REQUIRE(txn->create_node({l}, {}, &b).ok());
    REQUIRE(txn->create_rel(t, a, b, {}, false, nullptr).ok());
    REQUIRE(txn->create_rel(t, a, a, {}, false, nullptr).ok());  // a self-loop
    REQUIRE(txn->commit().ok());
  }
  auto txn = begin_write(*store);
  REQUIRE(txn->delete_node(a, false).code() == Status::Code::kInvalidArgument);
  REQUIRE(txn->delete_node(a, true).ok());
  REQUIRE(txn->commit().ok());
  auto t = store->begin_read();
  uint64_t n;
  REQUIRE(t->count_rels(&n).ok());
  REQUIRE(n == 0);
  REQUIRE(t->count_nodes(&n).ok());
  REQUIRE(n == 1);
  REQUIRE(collect(t->expand(b)).empty());
  REQUIRE(label_count(*t, 1) == 1);
  require_consistent(*store);
}

TEST_CASE("graph store: relationships to missing nodes and unstorable values are refused", "[storage]") {
  test::TempDir dir;
  auto store = open_store(dir.path());
  auto txn = begin_write(*store);
  NodeId a;
  REQUIRE(txn->create_node({}, {}, &a).ok());
  REQUIRE(txn->create_rel(txn->type_id("T"), a, 77, {}, false, nullptr).code() == Status::Code::kNotFound);
  PropertyKeyId k = txn->key_id("k");
  Status s = txn->create_node({}, {{k, Value(ValueMap{{"a", Value(1)}})}}, nullptr);
  REQUIRE(s.code() == Status::Code::kInvalidArgument);
  REQUIRE(s.message().find("MAP") != std::string::npos);
  REQUIRE(txn->set_node_property(a, k, Value(ValueList{Value(ValueList{})})).code() == Status::Code::kInvalidArgument);
}

TEST_CASE("graph store: a second writer waits for the lock, then is refused naming the holder, and readers open alongside",
          "[storage]") {
  test::TempDir dir;
  OpenOptions holder_options;
  holder_options.client = "the test's first store";
  std::unique_ptr<GraphStore> store;
  REQUIRE(GraphStore::open(dir.path(), holder_options, &store).ok());
  {
    auto txn = begin_write(*store);
    REQUIRE(txn->create_node({}, {}, nullptr).ok());
    REQUIRE(txn->commit().ok());
  }
  auto holding = begin_write(*store);  // the lock is taken while this write runs
  REQUIRE(holding->create_node({}, {}, nullptr).ok());

  // A second store opens beside it (reading needs no lock) and reads the last commit.
  std::unique_ptr<GraphStore> second;
  OpenOptions waiting;
  waiting.busy_timeout = std::chrono::milliseconds(300);
  REQUIRE(GraphStore::open(dir.path(), waiting, &second).ok());
  uint64_t n = 0;
  REQUIRE(second->begin_read()->count_nodes(&n).ok());
  CHECK(n == 1);
  // Its writer waits for the busy timeout, then is refused, naming the holder.
  std::unique_ptr<WriteTransaction> refused;
  const auto t0 = std::chrono::steady_clock::now();
  Status s = second->begin_write(&refused);
  const auto waited = std::chrono::steady_clock::now() - t0;
  INFO(s.to_string());
  REQUIRE(s.code() == Status::Code::kBusy);
  CHECK(waited >= std::chrono::milliseconds(300));
  CHECK(waited < std::chrono::seconds(3));
  CHECK(s.message().find("(pid " + std::to_string(::getpid()) + ", the test's first store)") != std::string::npos);
  CHECK(s.message().find("stayed locked for 0.3 s") != std::string::npos);
  CHECK(s.message().find("--busy-timeout") != std::string::npos);
  // So is an exclusive open, which needs the lock at once.
  OpenOptions exclusive = waiting;
  exclusive.access = Access::kExclusive;
  std::unique_ptr<GraphStore> third;
  REQUIRE(GraphStore::open(dir.path(), exclusive, &third).code() == Status::Code::kBusy);
  auto reader = open_store(dir.path(), true);
  REQUIRE(reader->begin_read()->count_nodes(&n).ok());
  REQUIRE(n == 1);
  std::unique_ptr<WriteTransaction> w;
  REQUIRE(reader->begin_write(&w).code() == Status::Code::kNotSupported);

  // Once the write ends, the second store's writer gets the lock.
  REQUIRE(holding->commit().ok());
  holding.reset();
  REQUIRE(second->begin_write(&w).ok());
  REQUIRE(w->create_node({}, {}, nullptr).ok());
  REQUIRE(w->commit().ok());
  w.reset();
  REQUIRE(store->begin_read()->count_nodes(&n).ok());
  CHECK(n == 3);
}

TEST_CASE("graph store: a writer that waits gets the lock when the holder's write ends", "[storage]") {
  test::TempDir dir;
  auto first = open_store(dir.path());
  auto holding = begin_write(*first);
  REQUIRE(holding->create_node({}, {}, nullptr).ok());
  CHECK(std::filesystem::exists(dir.sub("mlkg.writer")));  // the holder's note, while it writes
  std::thread closer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    REQUIRE(holding->commit().ok());
    holding.reset();
  });
  std::unique_ptr<GraphStore> second;
  OpenOptions waiting;
  waiting.busy_timeout = std::chrono::seconds(10);
  REQUIRE(GraphStore::open(dir.path(), waiting, &second).ok());
  std::unique_ptr<WriteTransaction> txn;
  Status s = second->begin_write(&txn);
  closer.join();
  INFO(s.to_string());
  REQUIRE(s.ok());
  REQUIRE(txn->create_node({}, {}, nullptr).ok());
  REQUIRE(txn->commit().ok());
  txn.reset();
  // The note is gone once no write runs, though both stores are open.
  CHECK_FALSE(std::filesystem::exists(dir.sub("mlkg.writer")));
  uint64_t n = 0;
  REQUIRE(first->begin_read()->count_nodes(&n).ok());
  CHECK(n == 2);
}

TEST_CASE("graph store: an idle shared store holds no lock, and an exclusive one holds it until it closes",
          "[storage]") {
  test::TempDir dir;
  auto shared = open_store(dir.path());
  {
    auto txn = begin_write(*shared);
    REQUIRE(txn->create_node({}, {}, nullptr).ok());
    REQUIRE(txn->commit().ok());
  }
  OpenOptions exclusive;
  exclusive.access = Access::kExclusive;
  exclusive.busy_timeout = std::chrono::milliseconds(0);
  std::unique_ptr<GraphStore> owner;
  REQUIRE(GraphStore::open(dir.path(), exclusive, &owner).ok());  // no waiting: nobody holds it
  CHECK(std::filesystem::exists(dir.sub("mlkg.writer")));
  {
    auto txn = begin_write(*owner);
    REQUIRE(txn->create_node({}, {}, nullptr).ok());
    REQUIRE(txn->commit().ok());
  }
  // The shared store reads the owner's commit, but cannot write while it is open.
  uint64_t n = 0;
  REQUIRE(shared->begin_read()->count_nodes(&n).ok());
  CHECK(n == 2);
  std::unique_ptr<GraphStore> again;
  REQUIRE(GraphStore::open(dir.path(), exclusive, &again).code() == Status::Code::kBusy);
  CHECK(GraphStore::in_use(dir.path()));
  owner.reset();
  std::unique_ptr<WriteTransaction> w;
  REQUIRE(shared->begin_write(&w).ok());
  w.reset();
  CHECK(GraphStore::in_use(dir.path()));  // the shared store is still open
  shared.reset();
  CHECK_FALSE(GraphStore::in_use(dir.path()));
}

TEST_CASE("graph store: a shared reader sees other stores' commits and imports, each transaction on one state",
          "[storage]") {
  test::TempDir dir;
  auto reader = open_store(dir.path());
  auto writer = open_store(dir.path());
  auto count = [](GraphStore& store) {
    uint64_t n = 0;
    REQUIRE(store.begin_read()->count_nodes(&n).ok());
    return n;
  };
  auto create = [](GraphStore& store, const char* label) {
    auto txn = begin_write(store);
    REQUIRE(txn->create_node({txn->label_id(label)}, {}, nullptr).ok());
    REQUIRE(txn->commit().ok());
  };
  create(*writer, "A");
  CHECK(count(*reader) == 1);
  CHECK(reader->catalog()->find(NameKind::kLabel, "A").has_value());

  // A transaction keeps its state while the other store commits.
  auto held = reader->begin_read();
  create(*writer, "B");
  uint64_t n = 0;
  REQUIRE(held->count_nodes(&n).ok());
  CHECK(n == 1);
  CHECK(collect(held->scan_nodes()).size() == 1);
  held.reset();
  CHECK(count(*reader) == 2);

  // While one of its transactions reads, the store's own writes are still
  // seen by its next transaction.
  held = reader->begin_read();
  create(*reader, "C");
  CHECK(count(*reader) == 3);
  REQUIRE(held->count_nodes(&n).ok());
  CHECK(n == 2);
  held.reset();

  // An import by the other store (files ingested, counters replaced) reads
  // back whole, and the checker finds the reader's view consistent.
  std::unique_ptr<BulkWriter> bulk;
  REQUIRE(writer->begin_bulk(&bulk).ok());
  for (int i = 0; i < 5; ++i) bulk->stage_node(NodeRecord{bulk->allocate_node_id(), {bulk->label_id("D")}, {}}, nullptr);
  REQUIRE(bulk->commit().ok());
  bulk.reset();
  CHECK(count(*reader) == 8);
  require_consistent(*reader);
  create(*writer, "E");
  CHECK(count(*reader) == 9);
  require_consistent(*reader);
}

TEST_CASE("graph store: a read-only open writes nothing in the directory", "[storage]") {
  test::TempDir dir;
  open_store(dir.path())->begin_read();
  auto listing = [&] {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) names.insert(e.path().filename().string());
    return names;
  };
  const std::set<std::string> before = listing();
  CHECK(before.count("LOG") == 0);  // no RocksDB info log, for a writer either
  {
    auto reader = open_store(dir.path(), true);
    uint64_t n = 0;
    REQUIRE(reader->begin_read()->count_nodes(&n).ok());
    CHECK(listing() == before);
  }
  CHECK(listing() == before);
}

TEST_CASE("graph store: a writer reopening a database keeps its options file and preallocates little",
          "[storage]") {
  test::TempDir dir;
  open_store(dir.path())->begin_read();
  auto options_files = [&] {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
      if (e.path().filename().string().rfind("OPTIONS-", 0) == 0) names.insert(e.path().filename().string());
    return names;
  };
  const std::set<std::string> created = options_files();
  REQUIRE_FALSE(created.empty());  // written when the database was created
  for (int i = 0; i < 3; ++i) {
    auto store = open_store(dir.path());
    auto txn = begin_write(*store);
    REQUIRE(txn->create_node({}, {}, nullptr).ok());
    REQUIRE(txn->commit().ok());
  }
  // Three writable opens rewrote no OPTIONS file (each rewrite and its
  // verification were half of a one-statement write's instructions), and
  // the manifest each started reserved no 4 MB of disk.
  CHECK(options_files() == created);
  OpenOptions exclusive;
  exclusive.access = Access::kExclusive;
  std::unique_ptr<GraphStore> writer;  // its manifest stays open, as reserved
  REQUIRE(GraphStore::open(dir.path(), exclusive, &writer).ok());
  uint64_t n = 0;
  REQUIRE(writer->begin_read()->count_nodes(&n).ok());
  CHECK(n == 3);
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    if (e.path().filename().string().rfind("MANIFEST-", 0) != 0) continue;
    struct stat st {};
    REQUIRE(::stat(e.path().c_str(), &st) == 0);
    CHECK(static_cast<uint64_t>(st.st_blocks) * 512 <= 256u << 10);
  }
}

TEST_CASE("graph store: many short writers leave few table files", "[storage]") {
  test::TempDir dir;
  auto tables = [&] {
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) n += e.path().extension() == ".sst";
    return n;
  };
  // Each store writes one node and closes, as one-shot `mlkg -c` writes do:
  // every 17th close flushes the logs, a small table file per family.
  for (int i = 0; i < 150; ++i) {
    auto store = open_store(dir.path());
    auto txn = begin_write(*store);
    REQUIRE(txn->create_node({}, {}, nullptr).ok());
    REQUIRE(txn->commit().ok());
  }
  // Merged as they come (RocksInstance::merge_small_files): two files are
  // left; without it, nine (a small file per family and flush, moved down
  // level by level as they were, since new node ids overlap nothing below).
  CHECK(tables() <= 3);
  auto store = open_store(dir.path());
  uint64_t n = 0;
  REQUIRE(store->begin_read()->count_nodes(&n).ok());
  CHECK(n == 150);
  require_consistent(*store);
}

TEST_CASE("graph store: directories that are not mlkg databases are refused", "[storage]") {
  test::TempDir dir;
  std::unique_ptr<GraphStore> store;
  SECTION("a directory with other files") {
    std::ofstream(dir.sub("notes.txt")) << "hello";
    Status s = GraphStore::open(dir.path(), OpenOptions{}, &store);
    REQUIRE(s.code() == Status::Code::kIncompatible);
    REQUIRE(s.message().find("not an mlkg database") != std::string::npos);
    REQUIRE(std::filesystem::exists(dir.sub("notes.txt")));
  }
  SECTION("a plain file") {
    std::ofstream(dir.sub("file")) << "x";
    REQUIRE(GraphStore::open(dir.sub("file"), OpenOptions{}, &store).code() == Status::Code::kIncompatible);
  }
  SECTION("another program's RocksDB database") {
    rocksdb::DB* db;
    rocksdb::Options o;
    o.create_if_missing = true;
    REQUIRE(rocksdb::DB::Open(o, dir.sub("other"), &db).ok());
    REQUIRE(db->Put(rocksdb::WriteOptions(), "user:1", "alice").ok());
    delete db;
    Status s = GraphStore::open(dir.sub("other"), OpenOptions{}, &store);
    REQUIRE(s.code() == Status::Code::kIncompatible);
    REQUIRE(s.message().find("not an mlkg database") != std::string::npos);
  }
  SECTION("a database of a newer format") {
    open_store(dir.sub("db")).reset();
    {
      // Rewrite the format version as a future mlkg would.
      std::vector<std::string> names;
      REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.sub("db"), &names).ok());
      std::vector<rocksdb::ColumnFamilyDescriptor> descs;
      for (auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
      std::vector<rocksdb::ColumnFamilyHandle*> handles;
      rocksdb::DB* db;
      REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.sub("db"), descs, &handles, &db).ok());
      std::string v;
      put_u32_be(&v, kFormatVersion + 1);
      REQUIRE(db->Put(rocksdb::WriteOptions(), handles[0], meta_format_version_key(), v).ok());
      for (auto* h : handles) REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
      delete db;
    }
    Status s = GraphStore::open(dir.sub("db"), OpenOptions{}, &store);
    REQUIRE(s.code() == Status::Code::kIncompatible);
    REQUIRE(s.message().find("newer mlkg") != std::string::npos);
  }
  SECTION("a missing directory opened read-only") {
    OpenOptions o;
    o.access = Access::kReadOnly;
    REQUIRE(GraphStore::open(dir.sub("missing"), o, &store).code() == Status::Code::kNotFound);
    REQUIRE_FALSE(std::filesystem::exists(dir.sub("missing")));
  }
}

TEST_CASE("graph store: the checker reports damage to every structure", "[storage][check]") {
  test::TempDir dir;
  {
    auto store = open_store(dir.path());
    auto txn = begin_write(*store);
    PropertyKeyId id = txn->key_id("id");
    REQUIRE(txn->create_index(0, id, true, nullptr).ok());
    NodeId a, b;
    REQUIRE(txn->create_node({txn->label_id("L")}, {{id, Value("a")}}, &a).ok());
    REQUIRE(txn->create_node({}, {{id, Value("b")}}, &b).ok());
    REQUIRE(txn->create_rel(txn->type_id("T"), a, b, {}, false, nullptr).ok());
    REQUIRE(txn->commit().ok());
    require_consistent(*store);
  }
  // Damage the store behind mlkg's back, one structure at a time.
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  // Erases `key` (value empty) or sets it to `value`, checks that the checker
  // reports `expect`, then restores the key.
  auto damage = [&](const std::string& family, const std::string& key, std::optional<std::string> value,
                    const std::string& expect) {
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.path(), descs, &handles, &db).ok());
    rocksdb::ColumnFamilyHandle* h = nullptr;
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == family) h = handles[i];
    REQUIRE(h);
    std::string old;
    bool had = db->Get(rocksdb::ReadOptions(), h, key, &old).ok();
    REQUIRE((value ? db->Put(rocksdb::WriteOptions(), h, key, *value) : db->Delete(rocksdb::WriteOptions(), h, key)).ok());
    for (auto* x : handles) REQUIRE(db->DestroyColumnFamilyHandle(x).ok());
    delete db;
    {
      auto store = open_store(dir.path());
      CheckReport report;
      REQUIRE(check_consistency(*store, &report).ok());
      REQUIRE_FALSE(report.ok());
      std::string all;
      for (const auto& p : report.problems) all += p + "\n";
      INFO(all);
      REQUIRE(all.find(expect) != std::string::npos);
    }
    // Undo, so the next damage is judged alone.
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.path(), descs, &handles, &db).ok());
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == family) h = handles[i];
    REQUIRE((had ? db->Put(rocksdb::WriteOptions(), h, key, old) : db->Delete(rocksdb::WriteOptions(), h, key)).ok());
    for (auto* x : handles) REQUIRE(db->DestroyColumnFamilyHandle(x).ok());
    delete db;
  };
  auto list = [](std::vector<AdjItem> items) {
    AdjacencyList l;
    for (const auto& i : items) l.add(i);
    l.items();
    std::string bytes;
    l.encode(&bytes);
    return bytes;
  };
  damage("adj", adj_key(2, Direction::kIn), std::nullopt, "incoming adjacency entry of node 2 is missing");
  damage("adj", adj_key(1, Direction::kOut), list({}), "outgoing adjacency entry of node 1 is missing");
  damage("adj", adj_key(1, Direction::kOut), list({{1, 2, 1}, {1, 2, 99}}), "relationship 99 does not exist");
  damage("adj", adj_key(1, Direction::kOut), list({{2, 2, 1}}), "disagrees with its record");
  damage("adj", adj_key(1, Direction::kOut), "\x05garbage", "the list does not decode");
  damage("label_idx", label_idx_key(1, 1), std::nullopt, "no label-index entry for label :L");
  damage("label_idx", label_idx_key(1, 2), "", "which does not have that label");
  damage("prop_idx", prop_idx_unique_key(1, Value("a")), std::nullopt, "missing from index 1");
  damage("rels", rel_key(1), std::nullopt, "relationship 1 does not exist");
  damage("nodes", node_key(2), std::nullopt, "node 2 does not exist");
  damage("default", meta_total_nodes_key(), std::nullopt, "count of all nodes: stored 0, actual 2");
}

TEST_CASE("graph store: a creation interrupted by a crash is finished on the next open", "[storage]") {
  test::TempDir dir;
  SECTION("killed before RocksDB wrote CURRENT") {
    std::filesystem::create_directories(dir.sub("db"));
    std::ofstream(dir.sub("db/LOCK")) << "";
    std::ofstream(dir.sub("db/LOG")) << "started";
  }
  SECTION("killed after some of the column families were created") {
    rocksdb::DB* db;
    rocksdb::Options o;
    o.create_if_missing = true;
    REQUIRE(rocksdb::DB::Open(o, dir.sub("db"), &db).ok());
    rocksdb::ColumnFamilyHandle* h;
    REQUIRE(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), "nodes", &h).ok());
    REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
    delete db;
  }
  auto store = open_store(dir.sub("db"));
  auto txn = begin_write(*store);
  REQUIRE(txn->create_node({}, {}, nullptr).ok());
  REQUIRE(txn->commit().ok());
  require_consistent(*store);
}
