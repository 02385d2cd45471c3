package foi.tracker.core.edge;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected failure (意外错误) answered 500: the body has a fixed text and an incident id only,
 * never the exception's message or class; the id is logged with the stack trace so the on-call
 * engineer finds the cause.
 */
public final class Incident {
  private static final Logger LOG = LoggerFactory.getLogger(Incident.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The fixed text of every 500 answer. */
  public static final String MESSAGE =
      "系统内部错误，本次操作未完成；请稍后重试，如仍失败请把事件编号告知运维人员"
          + " (internal error; try again later, and give the incident id to the operators if it persists)";

  private Incident() {}

  /** Logs {@code error} with a fresh incident id and returns the JSON body of the 500 answer. */
  public static String record(final String method, final String path, final Throwable error) {
    final byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    final String id = HexFormat.of().formatHex(b);
    LOG.error("incident {}: unexpected failure of {} {}", id, method, path, error);
    return "{\"error\":\"INTERNAL\",\"message\":\""
        + MESSAGE
        + "\",\"field\":null,\"incidentId\":\""
        + id
        + "\"}";
  }
}
