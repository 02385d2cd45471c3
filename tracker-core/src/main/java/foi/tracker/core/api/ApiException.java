package foi.tracker.core.api;

/** A refusal with its HTTP status, error code and the field it is about (api.md error body). */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  public ApiException(final int status, final String code, final String field, final String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiException badField(final String field, final String message) {
    return new ApiException(400, "INVALID_FIELD", field, field + ": " + message);
  }

  public static ApiException missing(final String field) {
    return new ApiException(400, "MISSING_FIELD", field, field + " is required (必填项)");
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
