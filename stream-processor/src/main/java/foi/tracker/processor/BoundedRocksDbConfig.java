package foi.tracker.processor;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of all RocksDB stores of this JVM with one shared block cache that also
 * accounts for the memtables (Kafka Streams' memory-management recipe). Without it every store of
 * every task takes its own 50 MB cache and 3 × 16 MB memtables, so the processor's resident memory
 * grows with partitions × stores instead of staying under one bound. The total is {@value
 * #TOTAL_CONFIG} in the Streams properties, {@link #DEFAULT_TOTAL_BYTES} when unset; it is fixed by
 * the first store opened in the JVM.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
  /** Streams property with the total bytes for block cache plus memtables. */
  public static final String TOTAL_CONFIG = "foi.rocksdb.total.bytes";

  public static final long DEFAULT_TOTAL_BYTES = 96L * 1024 * 1024;
  private static final double MEMTABLE_SHARE = 0.5;
  private static final double HIGH_PRIORITY_SHARE = 0.1;
  private static final long MEMTABLE_BYTES = 8L * 1024 * 1024;

  private static Cache cache;
  private static WriteBufferManager writeBufferManager;

  private static synchronized void createShared(final long totalBytes) {
    if (cache == null) {
      cache = new LRUCache(totalBytes, -1, false, HIGH_PRIORITY_SHARE);
      writeBufferManager = new WriteBufferManager((long) (totalBytes * MEMTABLE_SHARE), cache);
    }
  }

  @Override
  public void setConfig(
      final String storeName, final Options options, final Map<String, Object> configs) {
    final Object total = configs.get(TOTAL_CONFIG);
    createShared(total == null ? DEFAULT_TOTAL_BYTES : Long.parseLong(total.toString()));
    final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBufferManager);
    options.setWriteBufferSize(MEMTABLE_BYTES);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(final String storeName, final Options options) {
    // the cache and the write buffer manager are shared by every store of the JVM: never closed
    // here
  }
}
