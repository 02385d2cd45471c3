package foi.tracker.processor;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the on-call engineer how long the tables are stale while the processor rebuilds its state
 * from the store changelogs (after a crash under exactly-once the local stores are wiped and
 * restored from the first record; after a clean stop only what came after the last checkpoint). One
 * line when a restoration starts and one when it is over, with the records read and the seconds.
 *
 * <p>A restoration is over when no changelog partition is restoring <em>and</em> the client is
 * {@code RUNNING}: Streams hands the tasks of one assignment to its restorer one after another (the
 * broker test saw four rounds half a second apart), so "no partition restoring" alone would end it
 * after the first task and report a fraction of the records. A restoration that starts while the
 * client is {@code RUNNING} (a task whose state was corrupted) ends with its last partition.
 *
 * <p>Kafka Streams calls it from its restoring and stream threads, and {@link #summary()} is read
 * by others.
 */
final class RestoreProgressLog implements StateRestoreListener, KafkaStreams.StateListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreProgressLog.class);

  /**
   * What one restoration did, from its first partition's start until it was over (or until now, if
   * not done).
   */
  record Summary(
      int partitions, long recordsToRestore, long recordsRestored, double seconds, boolean done) {}

  private final LongSupplier nanoTime;
  private final Set<TopicPartition> restoring = new HashSet<>();
  private boolean open;
  private boolean running;
  private int partitions;
  private long toRestore;
  private long restored;
  private long restoredSinceStart;
  private long startNs;
  private Summary last = new Summary(0, 0, 0, 0, true);

  RestoreProgressLog() {
    this(System::nanoTime);
  }

  RestoreProgressLog(final LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void onRestoreStart(
      final TopicPartition partition,
      final String storeName,
      final long startingOffset,
      final long endingOffset) {
    if (!open) {
      open = true;
      partitions = 0;
      toRestore = 0;
      restored = 0;
      startNs = nanoTime.getAsLong();
      LOG.info(
          "restoring state from the changelogs: the tables are not updated until this is done");
    }
    restoring.add(partition);
    partitions++;
    toRestore += Math.max(0, endingOffset - startingOffset);
    last = summaryNow(false);
    LOG.info(
        "restoring {} ({}) from offset {} to {}",
        storeName,
        partition,
        startingOffset,
        endingOffset);
  }

  @Override
  public synchronized void onBatchRestored(
      final TopicPartition partition,
      final String storeName,
      final long batchEndOffset,
      final long numRestored) {
    restored += numRestored;
    restoredSinceStart += numRestored;
    last = summaryNow(false);
  }

  @Override
  public synchronized void onRestoreEnd(
      final TopicPartition partition, final String storeName, final long totalRestored) {
    finished(partition);
  }

  /**
   * A task that moved to another instance mid-restoration: its partitions are no longer this
   * instance's to wait for.
   */
  @Override
  public synchronized void onRestoreSuspended(
      final TopicPartition partition, final String storeName, final long totalRestored) {
    finished(partition);
  }

  /**
   * The client's state: a restoration under way ends when it is {@code RUNNING} with no partition
   * restoring.
   */
  @Override
  public synchronized void onChange(
      final KafkaStreams.State newState, final KafkaStreams.State oldState) {
    running = newState == KafkaStreams.State.RUNNING;
    closeIfOver();
  }

  private void finished(final TopicPartition partition) {
    if (!restoring.remove(partition)) {
      return;
    }
    last = summaryNow(false);
    closeIfOver();
  }

  private void closeIfOver() {
    if (!open || !running || !restoring.isEmpty()) {
      return;
    }
    open = false;
    last = summaryNow(true);
    LOG.info(
        "state restored: {} records from {} changelog partitions in {} s ({} records/s); the tables are live",
        last.recordsRestored(),
        last.partitions(),
        String.format("%.1f", last.seconds()),
        last.seconds() > 0
            ? Math.round(last.recordsRestored() / last.seconds())
            : last.recordsRestored());
  }

  private Summary summaryNow(final boolean done) {
    return new Summary(
        partitions, toRestore, restored, (nanoTime.getAsLong() - startNs) / 1e9, done);
  }

  /**
   * The latest restoration: done once the client is running and none of its partitions is still
   * restoring.
   */
  synchronized Summary summary() {
    return last;
  }

  /** Records read from the changelogs by every restoration since this instance started. */
  synchronized long recordsRestoredSinceStart() {
    return restoredSinceStart;
  }
}
