package foi.tracker.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the on-call engineer how long the tables are stale while the processor rebuilds its state from the store
 * changelogs (after a crash under exactly-once the local stores are wiped and restored from the first record; after
 * a clean stop only what came after the last checkpoint). One line when a restoration starts, with the number of
 * records to read, and one when the last changelog partition is done, with the records read and the seconds.
 *
 * <p>Kafka Streams calls it from its restoring thread only, but {@link #summary()} is read by other threads.
 */
final class RestoreProgressLog implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreProgressLog.class);

  /** What one round of restoration did: from the first partition's start to the last partition's end. */
  record Summary(int partitions, long recordsToRestore, long recordsRestored, double seconds, boolean done) {
  }

  private final LongSupplier nanoTime;
  private final Map<TopicPartition, Long> active = new HashMap<>();
  private int partitions;
  private long toRestore;
  private long restored;
  private long startNs;
  private Summary last = new Summary(0, 0, 0, 0, true);

  RestoreProgressLog() {
    this(System::nanoTime);
  }

  RestoreProgressLog(final LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void onRestoreStart(final TopicPartition partition, final String storeName,
                                          final long startingOffset, final long endingOffset) {
    if (active.isEmpty()) {
      partitions = 0;
      toRestore = 0;
      restored = 0;
      startNs = nanoTime.getAsLong();
      LOG.info("restoring state from the changelogs: the tables are not updated until this is done");
    }
    active.put(partition, 0L);
    partitions++;
    toRestore += Math.max(0, endingOffset - startingOffset);
    last = summaryNow(false);
    LOG.info("restoring {} ({}) from offset {} to {}", storeName, partition, startingOffset, endingOffset);
  }

  @Override
  public synchronized void onBatchRestored(final TopicPartition partition, final String storeName,
                                           final long batchEndOffset, final long numRestored) {
    restored += numRestored;
    last = summaryNow(false);
  }

  @Override
  public synchronized void onRestoreEnd(final TopicPartition partition, final String storeName,
                                        final long totalRestored) {
    finished(partition);
  }

  /** A task that moved to another instance mid-restoration: its partitions are no longer this instance's to wait for. */
  @Override
  public synchronized void onRestoreSuspended(final TopicPartition partition, final String storeName,
                                              final long totalRestored) {
    finished(partition);
  }

  private void finished(final TopicPartition partition) {
    if (active.remove(partition) == null) {
      return;
    }
    last = summaryNow(active.isEmpty());
    if (active.isEmpty()) {
      LOG.info("state restored: {} records from {} changelog partitions in {} s ({} records/s)", last.recordsRestored(),
          last.partitions(), String.format("%.1f", last.seconds()),
          last.seconds() > 0 ? Math.round(last.recordsRestored() / last.seconds()) : last.recordsRestored());
    }
  }

  private Summary summaryNow(final boolean done) {
    return new Summary(partitions, toRestore, restored, (nanoTime.getAsLong() - startNs) / 1e9, done);
  }

  /** The latest round: done once every partition it started has ended (or was handed to another instance). */
  synchronized Summary summary() {
    return last;
  }
}
