package foi.tracker.core.topic;

import foi.tracker.core.request.RequestKey;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The event log is keyed by {@code agencyId/requestId} but partitioned by agency: all requests of
 * an agency are in one partition, so the per-request state and the per-agency tables are computed
 * in the same task with no repartition.
 */
public final class EventLogPartitioner {
  private EventLogPartitioner() {}

  public static int partitionOf(final String requestKey, final int partitions) {
    final String agency = RequestKey.agencyOf(requestKey);
    return Utils.toPositive(Utils.murmur2(agency.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
