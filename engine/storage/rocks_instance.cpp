#include "engine/storage/rocks_instance.hpp"

#include <rocksdb/db.h>
#include <rocksdb/transaction_log.h>

namespace mlkg::storage {

RocksInstance::RocksInstance(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> handles, bool writable)
    : db_(db), handles_(std::move(handles)), writable_(writable) {}

RocksInstance::~RocksInstance() {
  if (!db_) return;
  if (writable_) {
    rocksdb::VectorLogPtr logs;
    if (db_->GetSortedWalFiles(logs).ok() && logs.size() > kMaxLogsKept) {
      std::vector<rocksdb::ColumnFamilyHandle*> live;
      for (auto* h : handles_)
        if (h) live.push_back(h);
      rocksdb::FlushOptions flush;
      flush.wait = true;
      db_->Flush(flush, live).PermitUncheckedError();  // best effort: the logs stay valid if it fails
    }
  }
  for (auto* h : handles_)
    if (h) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
  delete db_;
}

}  // namespace mlkg::storage
