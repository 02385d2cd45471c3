package foi.tracker.core.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the project topics that are missing, with their explicit configs. */
public final class TopicAdmin {
  private TopicAdmin() {}

  /**
   * @param partitions partitions of the event log and the tables co-partitioned with it
   * @param replicationFactor 1 for a single broker, 3 in a cluster
   * @param minInsyncReplicas 1 for a single broker, 2 in a cluster
   */
  public static void ensureTopics(
      final Admin admin,
      final int partitions,
      final short replicationFactor,
      final int minInsyncReplicas)
      throws InterruptedException, ExecutionException, TimeoutException {
    final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    final List<NewTopic> missing = new ArrayList<>();
    for (TopicSpec<?, ?> t : Topics.ALL) {
      if (!existing.contains(t.name())) {
        final java.util.Map<String, String> configs = new java.util.HashMap<>(t.configs());
        configs.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
        missing.add(
            new NewTopic(
                    t.name(),
                    Optional.of(t.partitionsFromConfig() ? partitions : 1),
                    Optional.of(replicationFactor))
                .configs(configs));
      }
    }
    if (!missing.isEmpty()) {
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    awaitVisible(admin);
  }

  /**
   * Waits until every project topic's metadata can be described (a fresh topic takes a moment to
   * propagate).
   */
  private static void awaitVisible(final Admin admin)
      throws InterruptedException, TimeoutException, ExecutionException {
    final List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
    final long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
