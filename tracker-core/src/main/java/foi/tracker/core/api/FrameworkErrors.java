package foi.tracker.core.api;

/**
 * The contract's error for a refusal the HTTP framework makes itself, before any route runs (no
 * route for the path, a method the path does not take, a content type no route reads): the
 * services' edge filters put it in place of the framework's own body, so every 4xx a client sees
 * has {@code error}, {@code message} and {@code field}.
 */
public final class FrameworkErrors {
  private FrameworkErrors() {}

  /** The error answered for {@code status}. */
  public static ApiException of(final int status) {
    return switch (status) {
      case 404 -> ApiException.of(404, "NOT_FOUND", null, "没有这个地址，请核对网址", "no route for this path");
      case 405 ->
          ApiException.of(
              405, "METHOD_NOT_ALLOWED", null, "此地址不接受该请求方法", "the path does not take this method");
      case 406 ->
          ApiException.of(
              406, "NOT_ACCEPTABLE", null, "无法按所要求的格式答复", "no answer in the accepted media types");
      case 413 ->
          ApiException.of(413, "BODY_TOO_LARGE", null, "请求内容过大", "the request is too large");
      case 415 ->
          ApiException.of(
              415,
              "UNSUPPORTED_MEDIA_TYPE",
              null,
              "不支持该内容类型（Content-Type）",
              "the route does not read this content type");
      default ->
          ApiException.of(
              status,
              status >= 500 ? "INTERNAL" : "BAD_REQUEST",
              null,
              status >= 500 ? "系统内部错误" : "请求无法处理",
              status >= 500 ? "internal error" : "the request cannot be handled");
    };
  }
}
