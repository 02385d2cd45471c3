package foi.tracker.core.topic;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A project topic: its name, key and value serdes, and how it is created (partitions, compaction,
 * retention).
 *
 * @param partitionsFromConfig true when the partition count follows {@code tracker.partitions} (the
 *     event log and the tables co-partitioned with it); false for single-partition topics
 */
public record TopicSpec<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    boolean partitionsFromConfig,
    Map<String, String> configs) {}
