package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.du;
import static foi.tracker.bench.BenchRun.round;

import foi.tracker.core.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Each service's live heap after a full GC, the broker's and Streams' disk, and records per topic.
 */
final class MemoryAndDiskPhase {
  private final BenchRun b;

  MemoryAndDiskPhase(final BenchRun b) {
    this.b = b;
  }

  void memoryAndDisk() throws Exception {
    for (Child c : b.children) {
      if (c.isAlive()
          && (c.name.equals("processor")
              || c.name.equals("dashboard")
              || c.name.equals("ingest"))) {
        c.jcmd("GC.run");
        b.processes
            .computeIfAbsent(c.name, k -> new LinkedHashMap<>())
            .put(
                "heapLiveAfterFullGc",
                c.jcmd("GC.heap_info")
                    .lines()
                    .filter(l -> l.contains("used"))
                    .findFirst()
                    .orElse("")
                    .trim());
      }
    }
    final Map<String, Object> disk = new LinkedHashMap<>();
    disk.put("brokerLogDirsMb", du(b.dataDir.resolve("kafka")));
    disk.put("streamsStateMb", du(b.dataDir.resolve("streams")));
    try (Admin a = b.admin()) {
      final Map<String, Object> topics = new LinkedHashMap<>();
      for (String t :
          List.of(
              Topics.EVENTS.name(),
              Topics.REQUESTS.name(),
              Topics.AGENCY_TOTALS.name(),
              Topics.REJECTED.name())) {
        final Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        a.describeTopics(List.of(t))
            .allTopicNames()
            .get()
            .get(t)
            .partitions()
            .forEach(pi -> q.put(new TopicPartition(t, pi.partition()), OffsetSpec.latest()));
        long sum = 0;
        for (var e : a.listOffsets(q).all().get().values()) {
          sum += e.offset();
        }
        topics.put(t, sum);
      }
      disk.put("recordsPerTopic", topics);
    }
    try (Stream<Path> s = Files.list(b.dataDir.resolve("kafka"))) {
      final Map<String, Object> perTopic = new java.util.TreeMap<>();
      s.filter(Files::isDirectory)
          .forEach(
              d -> {
                final String name = d.getFileName().toString().replaceAll("-\\d+$", "");
                perTopic.merge(name, du(d), (x, y) -> round((Double) x + (Double) y));
              });
      disk.put("brokerMbPerTopic", perTopic);
    }
    b.result.put("disk", disk);
  }
}
