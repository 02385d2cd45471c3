package foi.tracker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body strictly: at most 64 KiB, valid UTF-8, a JSON object, no field it does
 * not know (so no applicant name or ID number can slip into the event log), each field of the right
 * type. Every refusal names the field, in English and Chinese.
 */
final class BodyReader {
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final int MAX_TEXT_CHARS = 2000;
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final LocalDate EARLIEST = LocalDate.of(2008, 5, 1);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final ObjectNode body;

  private BodyReader(final ObjectNode body) {
    this.body = body;
  }

  static BodyReader parse(final byte[] raw, final Set<String> allowedFields) {
    return of(readJson(raw, MAX_BODY_BYTES), allowedFields);
  }

  /** A request body as JSON: not empty, at most {@code maxBytes}, valid UTF-8, valid JSON. */
  static JsonNode readJson(final byte[] raw, final int maxBytes) {
    if (raw == null || raw.length == 0) {
      throw ApiException.of(
          400,
          "BAD_JSON",
          null,
          "请求体为空，应为 JSON 对象",
          "the request body is empty; a JSON object is expected");
    }
    if (raw.length > maxBytes) {
      throw ApiException.of(
          413,
          "BODY_TOO_LARGE",
          null,
          "请求体过大：" + raw.length + " 字节，上限 " + maxBytes + " 字节",
          "the request body is " + raw.length + " bytes; at most " + maxBytes + " are accepted");
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw));
    } catch (CharacterCodingException e) {
      throw ApiException.of(
          400, "INVALID_UTF8", null, "编码必须为 UTF-8", "the request body is not valid UTF-8");
    }
    final JsonNode node;
    try {
      node = Json.MAPPER.readTree(raw);
    } catch (java.io.IOException e) {
      throw ApiException.of(
          400,
          "BAD_JSON",
          null,
          "JSON 格式错误",
          "the request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    return node;
  }

  /** A JSON object with no field outside {@code allowedFields} (a body, or one item of a batch). */
  static BodyReader of(final JsonNode node, final Set<String> allowedFields) {
    if (node == null || !node.isObject()) {
      throw ApiException.of(
          400, "BAD_JSON", null, "请求体应为 JSON 对象", "the request body must be a JSON object");
    }
    requireKnownFields(node, allowedFields, "this call");
    return new BodyReader((ObjectNode) node);
  }

  /**
   * A JSON object nested in a body (a batch item's {@code application}, a publication's {@code
   * imported}): as {@link #of(JsonNode, Set)}, but a value that is not an object is refused naming
   * {@code field}.
   */
  static BodyReader of(final JsonNode node, final Set<String> allowedFields, final String field) {
    if (node == null || !node.isObject()) {
      throw ApiException.badField(
          field,
          "应为 JSON 对象",
          "must be a JSON object, got "
              + (node == null
                  ? "nothing"
                  : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return of(node, allowedFields);
  }

  /**
   * Refuses the first field of {@code node} outside {@code allowedFields}, naming it and {@code
   * where} it is.
   */
  static void requireKnownFields(
      final JsonNode node, final Set<String> allowedFields, final String where) {
    final Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      final String name = names.next();
      if (!allowedFields.contains(name)) {
        throw ApiException.of(
            400,
            "UNKNOWN_FIELD",
            name,
            "不支持的字段「" + abbreviate(name) + "」",
            "'"
                + abbreviate(name)
                + "' is not a field of "
                + where
                + "; allowed: "
                + String.join(", ", new java.util.TreeSet<>(allowedFields)));
      }
    }
  }

  private static String firstLine(final String s) {
    if (s == null) {
      return "";
    }
    final int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  boolean has(final String field) {
    return body.hasNonNull(field);
  }

  String text(final String field, final boolean required, final int maxChars) {
    final JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiException.missing(field);
      }
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badField(
          field,
          "应为字符串",
          "must be a string, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    final String s = v.asText();
    if (s.codePointCount(0, s.length()) > maxChars) {
      throw ApiException.badField(
          field, "超过长度上限 " + maxChars + " 个字符", "is longer than " + maxChars + " characters");
    }
    if (required && s.isBlank()) {
      throw ApiException.missing(field);
    }
    return s;
  }

  String id(final String field, final boolean required) {
    final String s = text(field, required, MAX_TEXT_CHARS);
    if (s != null) {
      checkId(field, s);
    }
    return s;
  }

  static void checkId(final String field, final String s) {
    if (!ID.matcher(s).matches() || s.chars().allMatch(c -> c == '.')) {
      throw ApiException.of(
          400,
          "INVALID_ID",
          field,
          "编号格式错误，应为 1–64 个字母、数字或 . _ -，且不能只有点",
          "'"
              + abbreviate(s)
              + "' is not a valid identifier: 1–64 characters of A–Z a–z 0–9 . _ - and not only dots");
    }
  }

  private static String abbreviate(final String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  <E extends Enum<E>> E enumValue(final String field, final Class<E> type, final boolean required) {
    final String s = text(field, required, 64);
    if (s == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField(
          field,
          "取值无效：" + abbreviate(s),
          "'"
              + abbreviate(s)
              + "' is not one of "
              + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  String code(final String field, final java.util.List<String> allowed, final boolean required) {
    final String s = text(field, required, 64);
    if (s != null && !allowed.contains(s)) {
      throw ApiException.badField(
          field, "取值无效：" + abbreviate(s), "'" + abbreviate(s) + "' is not one of " + allowed);
    }
    return s;
  }

  /**
   * A real calendar date, ISO yyyy-MM-dd, not before 2008-05-01 and, unless {@code mayBeFuture},
   * not after today.
   */
  LocalDate date(
      final String field,
      final boolean required,
      final LocalDate today,
      final boolean mayBeFuture) {
    final String s = text(field, required, 32);
    if (s == null) {
      return null;
    }
    final LocalDate d;
    try {
      d = LocalDate.parse(s, ISO);
    } catch (DateTimeException e) {
      throw ApiException.badField(
          field,
          "日期无效，应为 YYYY-MM-DD",
          "'" + abbreviate(s) + "' is not a real date in the form YYYY-MM-DD");
    }
    if (d.isBefore(EARLIEST)) {
      throw ApiException.badField(
          field,
          "日期过早：" + s + " 早于条例施行日 " + EARLIEST,
          s + " is before " + EARLIEST + ", when the regulations took effect");
    }
    if (!mayBeFuture && d.isAfter(today)) {
      throw ApiException.badField(
          field,
          "日期不能晚于今天（" + today + "）：" + s,
          s + " is in the future; today in China is " + today);
    }
    return d;
  }

  Integer integer(final String field, final boolean required, final int min, final int max) {
    final JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiException.missing(field);
      }
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiException.badField(field, "应为整数", "must be a whole number");
    }
    final int i = v.asInt();
    if (i < min || i > max) {
      throw ApiException.badField(
          field,
          "超出范围：" + i + " 不在 " + min + " 至 " + max + " 之间",
          i + " is outside " + min + ".." + max);
    }
    return i;
  }

  /** The field's JSON as given (null when absent). */
  JsonNode node(final String field) {
    return body.get(field);
  }

  /** The whole object. */
  JsonNode node() {
    return body;
  }

  /**
   * An amount in yuan (a JSON number ≥ 0 with at most two decimals, at most {@code maxYuan}) as fen
   * (分); null when absent.
   */
  Long amountFen(final String field, final long maxYuan) {
    final JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw ApiException.badField(field, "应为金额数字（元）", "must be a number of yuan");
    }
    final java.math.BigDecimal yuan = v.decimalValue();
    if (yuan.signum() < 0) {
      throw ApiException.badField(
          field, "金额不能为负：" + yuan.toPlainString(), yuan.toPlainString() + " is negative");
    }
    if (yuan.compareTo(java.math.BigDecimal.valueOf(maxYuan)) > 0) {
      throw ApiException.badField(
          field,
          "金额超出上限 " + maxYuan + " 元：" + yuan.toPlainString(),
          yuan.toPlainString() + " is more than " + maxYuan);
    }
    try {
      return yuan.movePointRight(2).longValueExact();
    } catch (ArithmeticException e) {
      throw ApiException.badField(
          field,
          "金额精确到分：" + yuan.toPlainString(),
          yuan.toPlainString() + " has more than two decimals");
    }
  }

  Boolean bool(final String field) {
    final JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw ApiException.badField(field, "应为布尔值 true 或 false", "must be true or false");
    }
    return v.asBoolean();
  }
}
