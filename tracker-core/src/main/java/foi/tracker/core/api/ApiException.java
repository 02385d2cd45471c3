package foi.tracker.core.api;

/** A refusal with its HTTP status, error code and the field it is about (api.md error body). */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  public ApiException(
      final int status, final String code, final String field, final String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /**
   * A text for people, Chinese first (api.md "For people"): 「field：中文 (English)」; {@code field} and
   * {@code english} may be null.
   */
  public static String text(final String field, final String chinese, final String english) {
    return (field == null ? "" : field + "：")
        + chinese
        + (english == null || english.isEmpty() ? "" : " (" + english + ")");
  }

  /** A refusal whose message reads Chinese first, English after (see {@link #text}). */
  public static ApiException of(
      final int status,
      final String code,
      final String field,
      final String chinese,
      final String english) {
    return new ApiException(status, code, field, text(field, chinese, english));
  }

  /** An INVALID_FIELD refusal: 「field：中文 (English)」. */
  public static ApiException badField(
      final String field, final String chinese, final String english) {
    return of(400, "INVALID_FIELD", field, chinese, english);
  }

  public static ApiException missing(final String field) {
    return of(400, "MISSING_FIELD", field, "必填项", field + " is required");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
