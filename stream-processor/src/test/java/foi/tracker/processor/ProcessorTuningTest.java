package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessorTuningTest {
  @Test
  void unsetMeansStreamsDefaultsAndTheBoundedCache() {
    assertEquals(Map.of(), StreamProcessorApp.tuningFrom(Map.of()));
    assertEquals(Map.of(), StreamProcessorApp.tuningFrom(Map.of("TRACKER_STREAM_THREADS", " ")));
  }

  @Test
  void threadsAndRocksDbMemoryBecomeStreamsOverrides() {
    final Map<String, Object> o = StreamProcessorApp.tuningFrom(Map.of("TRACKER_STREAM_THREADS", "3",
        "TRACKER_ROCKSDB_MB", "64", "TRACKER_COMMIT_INTERVAL_MS", "50"));
    assertEquals(3, o.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    assertEquals(String.valueOf(64L * 1024 * 1024), o.get(BoundedRocksDbConfig.TOTAL_CONFIG));
    assertFalse(o.containsKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), "the commit pace is the processor's own");
  }

  @Test
  void badValuesAreRefusedNamingTheVariable() {
    for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
      final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> StreamProcessorApp.tuningFrom(Map.of("TRACKER_ROCKSDB_MB", bad)));
      assertTrue(e.getMessage().contains("TRACKER_ROCKSDB_MB") && e.getMessage().contains(bad), e.getMessage());
      final IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
          () -> CommitPacing.fromEnvironment(Map.of("TRACKER_CATCH_UP_COMMIT_MS", bad)));
      assertTrue(c.getMessage().contains("TRACKER_CATCH_UP_COMMIT_MS") && c.getMessage().contains(bad),
          c.getMessage());
    }
  }

  @Test
  void commitPacingDefaultsToATenthOfASecondLiveAndFiveSecondsWhileCatchingUp() {
    final CommitPacing d = CommitPacing.fromEnvironment(Map.of());
    assertEquals(CommitPacing.defaults(), d);
    assertEquals(Duration.ofMillis(100), d.live());
    assertEquals(Duration.ofSeconds(5), d.catchingUp());
    assertTrue(d.catchesUp());
    assertEquals(d, ProcessorSettings.fromEnvironment(6, Map.of()).commits());
  }

  @Test
  void commitPacingFromTheEnvironment() {
    final CommitPacing p = CommitPacing.fromEnvironment(Map.of("TRACKER_COMMIT_INTERVAL_MS", "50",
        "TRACKER_CATCH_UP_COMMIT_MS", "20000"));
    assertEquals(new CommitPacing(Duration.ofMillis(50), Duration.ofSeconds(20)), p);
    assertEquals(45_000, p.transactionTimeoutMs(), "twice the longest open transaction, plus 5 s");
    assertEquals(15_000, CommitPacing.defaults().transactionTimeoutMs());
    // one pace always: set both the same
    final CommitPacing onePace = CommitPacing.fromEnvironment(Map.of("TRACKER_COMMIT_INTERVAL_MS", "200",
        "TRACKER_CATCH_UP_COMMIT_MS", "200"));
    assertFalse(onePace.catchesUp());
    assertEquals(10_000, onePace.transactionTimeoutMs(), "never below Streams' own default");
    // a live interval above the default catch-up one raises the catch-up one with it
    assertEquals(new CommitPacing(Duration.ofSeconds(8), Duration.ofSeconds(8)),
        CommitPacing.fromEnvironment(Map.of("TRACKER_COMMIT_INTERVAL_MS", "8000")));
  }

  @Test
  void commitPacingRefusesACatchUpIntervalBelowTheLiveOneOrAboveAMinute() {
    for (Map<String, String> env : java.util.List.of(
        Map.of("TRACKER_COMMIT_INTERVAL_MS", "500", "TRACKER_CATCH_UP_COMMIT_MS", "400"),
        Map.of("TRACKER_CATCH_UP_COMMIT_MS", "60001"))) {
      final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CommitPacing.fromEnvironment(env));
      assertTrue(e.getMessage().contains("TRACKER_CATCH_UP_COMMIT_MS"), e.getMessage());
    }
  }

  @Test
  void anEventIsLiveIfWrittenLessThanTheCatchUpIntervalAgo() {
    final CommitPacing p = CommitPacing.defaults();
    final long now = 1_000_000_000L;
    assertTrue(p.isLive(now, now));
    assertTrue(p.isLive(now - 4_999, now));
    assertFalse(p.isLive(now - 5_000, now));
    assertFalse(p.isLive(now - 3_600_000, now), "an event replayed from an hour ago is a catch-up");
    assertTrue(p.isLive(now + 2_000, now), "a writer's clock a little ahead is still live");
  }
}
