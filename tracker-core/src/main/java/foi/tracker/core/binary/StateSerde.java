package foi.tracker.core.binary;

import foi.tracker.core.json.JsonSerde;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde writing the {@link StateCodec} binary form and reading both it and JSON (a record starting with
 * {@code '{'}, as written before the binary form existed), so an existing data directory needs no migration.
 */
public final class StateSerde<T> implements Serde<T> {
  private final Class<T> type;
  private final Function<T, byte[]> write;
  private final Function<byte[], T> read;

  /** Reads the JSON records of earlier versions. */
  private final Deserializer<T> json;

  private StateSerde(
      final Class<T> type, final Function<T, byte[]> write, final Function<byte[], T> read) {
    this.type = type;
    this.write = write;
    this.read = read;
    this.json = new JsonSerde<>(type).deserializer();
  }

  public static StateSerde<foi.tracker.core.request.RequestState> requests() {
    return new StateSerde<>(
        foi.tracker.core.request.RequestState.class,
        StateCodec::writeRequest,
        StateCodec::readRequest);
  }

  public static StateSerde<foi.tracker.core.table.AgencyTotals> totals() {
    return new StateSerde<>(
        foi.tracker.core.table.AgencyTotals.class, StateCodec::writeTotals, StateCodec::readTotals);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : write.apply(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == '{') {
        return json.deserialize(topic, bytes);
      }
      try {
        return read.apply(bytes);
      } catch (RuntimeException e) {
        throw new SerializationException(
            "cannot read " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
