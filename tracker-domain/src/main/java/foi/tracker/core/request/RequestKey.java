package foi.tracker.core.request;

/**
 * The key of a request on the event log and in the stores: {@code agencyId/requestId} (ids never
 * contain '/').
 */
public final class RequestKey {
  private RequestKey() {}

  public static String of(final String agencyId, final String requestId) {
    return agencyId + "/" + requestId;
  }

  public static String agencyOf(final String key) {
    final int slash = key.indexOf('/');
    return slash < 0 ? key : key.substring(0, slash);
  }
}
