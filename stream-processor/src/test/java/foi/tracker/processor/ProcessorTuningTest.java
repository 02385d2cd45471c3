package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessorTuningTest {
  @Test
  void unsetMeansStreamsDefaultsAndTheBoundedCache() {
    assertEquals(Map.of(), StreamProcessorApp.tuningFrom(Map.of()));
    assertEquals(Map.of(), StreamProcessorApp.tuningFrom(Map.of("TRACKER_STREAM_THREADS", " ")));
  }

  @Test
  void threadsRocksDbMemoryAndCommitIntervalBecomeStreamsOverrides() {
    final Map<String, Object> o =
        StreamProcessorApp.tuningFrom(
            Map.of(
                "TRACKER_STREAM_THREADS",
                "3",
                "TRACKER_ROCKSDB_MB",
                "64",
                "TRACKER_COMMIT_INTERVAL_MS",
                "50"));
    assertEquals(3, o.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    assertEquals(50, o.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals(String.valueOf(64L * 1024 * 1024), o.get(BoundedRocksDbConfig.TOTAL_CONFIG));
  }

  @Test
  void fetchWaitSetsTheEventLogConsumerAndZeroAnswersAtOnce() {
    final String wait = StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
    final String min = StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG);
    final Map<String, Object> five =
        StreamProcessorApp.tuningFrom(Map.of("TRACKER_FETCH_WAIT_MS", "5"));
    assertEquals(Map.of(wait, 5, min, StreamProcessorApp.FETCH_MIN_BYTES), five);
    // 0 is Kafka's own behaviour: nothing overridden
    assertEquals(Map.of(), StreamProcessorApp.tuningFrom(Map.of("TRACKER_FETCH_WAIT_MS", "0")));
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamProcessorApp.tuningFrom(Map.of("TRACKER_FETCH_WAIT_MS", "-1")));
    assertTrue(
        e.getMessage().contains("TRACKER_FETCH_WAIT_MS") && e.getMessage().contains("at least 0"),
        e.getMessage());
  }

  @Test
  void theInstanceIdIsStableForOneStateDirAndDiffersBetweenTwo() {
    final java.nio.file.Path a = java.nio.file.Path.of("/var/lib/tracker/a/streams");
    assertEquals(
        StreamProcessorApp.defaultInstanceId(a),
        StreamProcessorApp.defaultInstanceId(
            java.nio.file.Path.of("/var/lib/tracker/a/../a/streams")));
    assertTrue(
        !StreamProcessorApp.defaultInstanceId(a)
            .equals(
                StreamProcessorApp.defaultInstanceId(
                    java.nio.file.Path.of("/var/lib/tracker/b/streams"))));
    final String id = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    assertEquals(
        Map.of(id, "county-2"),
        StreamProcessorApp.tuningFrom(Map.of("TRACKER_INSTANCE_ID", " county-2 ")));
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamProcessorApp.tuningFrom(Map.of("TRACKER_INSTANCE_ID", "county 2")));
    assertTrue(e.getMessage().contains("TRACKER_INSTANCE_ID"), e.getMessage());
  }

  @Test
  void theSessionTimeoutIsAtLeastTheBrokersMinimum() {
    final String session =
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
    assertEquals(
        Map.of(session, 10_000),
        StreamProcessorApp.tuningFrom(Map.of("TRACKER_SESSION_TIMEOUT_MS", "10000")));
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamProcessorApp.tuningFrom(Map.of("TRACKER_SESSION_TIMEOUT_MS", "500")));
    assertTrue(
        e.getMessage().contains("TRACKER_SESSION_TIMEOUT_MS") && e.getMessage().contains("6000"),
        e.getMessage());
  }

  @Test
  void badValuesAreRefusedNamingTheVariable() {
    for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
      final IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> StreamProcessorApp.tuningFrom(Map.of("TRACKER_ROCKSDB_MB", bad)));
      assertTrue(
          e.getMessage().contains("TRACKER_ROCKSDB_MB") && e.getMessage().contains(bad),
          e.getMessage());
    }
  }
}
