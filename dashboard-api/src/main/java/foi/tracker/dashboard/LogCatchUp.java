package foi.tracker.dashboard;

import foi.tracker.core.topic.Topics;
import foi.tracker.core.view.BoundedWait;
import foi.tracker.core.view.TopicTail;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading what was just written (api.md): whether the dashboard's views have reached the end of the
 * event log as it stood at a moment. The processor commits its input offsets in the same
 * transaction as the store changelogs it wrote for them, so once its committed offsets on {@code
 * foi.events} are at those ends and the views have read the request-store changelog up to its end
 * after that, every event written before the moment is reflected (or was refused, and the refusal
 * is on its request).
 */
final class LogCatchUp implements AutoCloseable {
  private static final long POLL_MS = 50;
  private final Admin admin;
  private final TopicTail tail;

  LogCatchUp(final String bootstrapServers, final TopicTail tail) {
    final Map<String, Object> c =
        foi.tracker.core.config.KafkaClientSecurity.withBootstrap(bootstrapServers);
    c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    this.admin = Admin.create(c);
    this.tail = tail;
  }

  /**
   * Waits at most {@code max} for the views to reflect every event on the log now; false when they
   * have not.
   */
  boolean awaitLogEnd(final Duration max) {
    return BoundedWait.until(
        () -> ends(Topics.EVENTS.name()),
        events -> processorPast(events) && tail.reached(ends(Topics.REQUESTS.name())),
        max,
        Duration.ofMillis(POLL_MS));
  }

  private boolean processorPast(final Map<TopicPartition, Long> ends)
      throws InterruptedException,
          java.util.concurrent.ExecutionException,
          java.util.concurrent.TimeoutException {
    final Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(Topics.PROCESSOR_APPLICATION_ID)
            .partitionsToOffsetAndMetadata()
            .get(5, TimeUnit.SECONDS);
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      final OffsetAndMetadata c = committed.get(e.getKey());
      if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private Map<TopicPartition, Long> ends(final String topic)
      throws InterruptedException,
          java.util.concurrent.ExecutionException,
          java.util.concurrent.TimeoutException {
    final List<Integer> partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(5, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .stream()
            .map(p -> p.partition())
            .toList();
    final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(new TopicPartition(topic, p), OffsetSpec.latest()));
    final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
        admin
            .listOffsets(
                request,
                new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
            .all()
            .get(5, TimeUnit.SECONDS);
    final Map<TopicPartition, Long> out = new HashMap<>();
    result.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
