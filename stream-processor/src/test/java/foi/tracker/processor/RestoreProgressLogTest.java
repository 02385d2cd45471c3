package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class RestoreProgressLogTest {
  private static final TopicPartition REQUESTS_0 =
      new TopicPartition("foi-tracker-processor-requests-changelog", 0);
  private static final TopicPartition REQUESTS_1 =
      new TopicPartition("foi-tracker-processor-requests-changelog", 1);
  private static final TopicPartition TOTALS_0 =
      new TopicPartition("foi-tracker-processor-totals-changelog", 0);

  private final AtomicLong now = new AtomicLong();
  private final RestoreProgressLog log = new RestoreProgressLog(now::get);

  @Test
  void aRestorationRunsFromTheFirstStartUntilTheClientRunsWithNoPartitionLeft() {
    assertEquals(new RestoreProgressLog.Summary(0, 0, 0, 0, true), log.summary());
    log.onChange(State.REBALANCING, State.CREATED);
    log.onRestoreStart(REQUESTS_0, "requests", 100, 1_100);
    log.onRestoreStart(TOTALS_0, "totals", 0, 50);
    now.set(1_000_000_000L);
    log.onBatchRestored(REQUESTS_0, "requests", 600, 500);
    log.onBatchRestored(TOTALS_0, "totals", 50, 48);
    log.onRestoreEnd(TOTALS_0, "totals", 48);
    assertEquals(
        new RestoreProgressLog.Summary(2, 1_050, 548, 1.0, false),
        log.summary(),
        "one partition still restoring");
    now.set(2_500_000_000L);
    log.onBatchRestored(REQUESTS_0, "requests", 1_100, 499);
    log.onRestoreEnd(REQUESTS_0, "requests", 999);
    assertEquals(
        new RestoreProgressLog.Summary(2, 1_050, 1_047, 2.5, false),
        log.summary(),
        "no partition restoring, but the client is not running yet: more tasks may come");
    now.set(3_000_000_000L);
    log.onChange(State.RUNNING, State.REBALANCING);
    assertEquals(new RestoreProgressLog.Summary(2, 1_050, 1_047, 3.0, true), log.summary());
    assertEquals(1_047, log.recordsRestoredSinceStart());
  }

  @Test
  void tasksRestoredOneAfterAnotherAreOneRestoration() {
    log.onChange(State.REBALANCING, State.CREATED);
    log.onRestoreStart(REQUESTS_0, "requests", 0, 4);
    log.onBatchRestored(REQUESTS_0, "requests", 4, 2);
    log.onRestoreEnd(REQUESTS_0, "requests", 2);
    now.set(500_000_000L);
    log.onRestoreStart(REQUESTS_1, "requests", 0, 955);
    log.onBatchRestored(REQUESTS_1, "requests", 955, 950);
    log.onRestoreEnd(REQUESTS_1, "requests", 950);
    now.set(600_000_000L);
    log.onChange(State.RUNNING, State.REBALANCING);
    assertEquals(new RestoreProgressLog.Summary(2, 959, 952, 0.6, true), log.summary());
  }

  @Test
  void aPartitionHandedToAnotherInstanceNoLongerHoldsTheRestorationOpenAndANewOneStartsAfresh() {
    log.onChange(State.REBALANCING, State.CREATED);
    log.onRestoreStart(REQUESTS_0, "requests", 0, 10);
    log.onRestoreStart(REQUESTS_1, "requests", 0, 20);
    log.onBatchRestored(REQUESTS_0, "requests", 10, 10);
    log.onRestoreEnd(REQUESTS_0, "requests", 10);
    log.onChange(State.RUNNING, State.REBALANCING);
    assertEquals(false, log.summary().done(), "running, but one partition still restoring");
    now.set(3_000_000_000L);
    log.onRestoreSuspended(REQUESTS_1, "requests", 0);
    assertEquals(new RestoreProgressLog.Summary(2, 30, 10, 3.0, true), log.summary());
    // an end for a partition no restoration holds changes nothing
    log.onRestoreEnd(REQUESTS_1, "requests", 0);
    assertEquals(new RestoreProgressLog.Summary(2, 30, 10, 3.0, true), log.summary());

    // a task whose state was corrupted restores while the client runs: over with its last partition
    now.set(10_000_000_000L);
    log.onRestoreStart(TOTALS_0, "totals", 5, 7);
    now.set(10_500_000_000L);
    log.onBatchRestored(TOTALS_0, "totals", 7, 2);
    log.onRestoreEnd(TOTALS_0, "totals", 2);
    assertEquals(new RestoreProgressLog.Summary(1, 2, 2, 0.5, true), log.summary());
    assertEquals(12, log.recordsRestoredSinceStart());
  }
}
