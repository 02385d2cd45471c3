package foi.tracker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile JSON for the write-route fuzz (WriteRouteFuzzIT): random values (nested, huge numbers,
 * unicode with lone surrogates and NUL, deep nesting, very long strings, wrong types), mutations of
 * a valid body, and a writer that sends a lone surrogate as a {@code \\uD800} escape (valid JSON
 * text that decodes to a broken Java string).
 */
final class FuzzJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Field names of the write routes, so random objects hit the validators' branches, not only
   * UNKNOWN_FIELD.
   */
  static final List<String> FIELD_NAMES =
      List.of(
          "requestId",
          "applicantType",
          "receivedDate",
          "channel",
          "subject",
          "registrationNumber",
          "eventId",
          "type",
          "date",
          "dueBy",
          "party",
          "workingDays",
          "amountYuan",
          "dueDate",
          "outcome",
          "onTheSpot",
          "caseId",
          "caseNumber",
          "result",
          "afterReview",
          "reason",
          "decidedDate",
          "filedDate",
          "concludedDate",
          "items",
          "application",
          "event",
          "agencyId",
          "name",
          "parentId",
          "reportDue",
          "label",
          "publishedDate",
          "imported",
          "scope",
          "table3",
          "table4",
          "rows",
          "cells",
          "compliance",
          "year",
          "papers",
          "days",
          "isOffDay");

  /** Strings that sit on a validator's edge. */
  static final List<String> EDGE_STRINGS =
      List.of(
          "",
          " ",
          "null",
          "0",
          "-1",
          "9999-12-31",
          "1900-01-01",
          "0000-01-01",
          "+10000-01-01",
          "2026-02-30",
          "2024-02-29",
          "2008-04-30",
          "2008-05-01",
          "20260301",
          "2026-3-1",
          "２０２６-０３-０１",
          "NATURAL_PERSON",
          "DECIDED",
          "ONLINE",
          "DISCLOSED",
          "REANSWER_ORDERED",
          "UPHELD",
          "THIRD_PARTY",
          "agency",
          "subtree",
          "received",
          "...",
          ".",
          "a/b",
          "../..",
          "连城镇人民政府",
          "\u0000",
          "\uD800",
          "\uDFFF",
          "\uD83D\uDE00",
          "\u202E",
          "\uFEFF",
          "<script>",
          "=1+1",
          "'; DROP TABLE x; --");

  /** Numbers past long, double and int, as text. */
  private static final List<String> BIG_NUMBERS =
      List.of(
          "123456789012345678901234567890",
          "-99999999999999999999",
          "1e400",
          "-1e-400",
          "0.001",
          "12.345",
          "-0.0",
          "1E+9",
          "9223372036854775808",
          "2147483648",
          "-2147483649",
          "1000000000.01");

  private FuzzJson() {}

  /**
   * Scalars, by weight: null 1, a boolean 1, any int 2, a huge or odd number 2, an edge string 3, a
   * string of any code units up to 40 long 3, a string of 2,000 to 3,000 of 'a', '长', NUL and lone
   * surrogates 1.
   */
  static JsonNode scalar(final Fuzz f) {
    return switch (f.weighted(1, 1, 2, 2, 3, 3, 1)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(f.bool());
      case 2 -> NODES.numberNode(f.anyInt());
      case 3 -> {
        final String s = f.of(BIG_NUMBERS);
        yield s.matches("-?\\d+")
            ? NODES.numberNode(new BigInteger(s))
            : NODES.numberNode(new BigDecimal(s));
      }
      case 4 -> NODES.textNode(f.of(EDGE_STRINGS));
      case 5 -> NODES.textNode(f.string(40));
      default -> NODES.textNode(f.string(2000, 3000, 'a', '长', '\u0000', '\uD800', '\uDC00'));
    };
  }

  /**
   * Any JSON value: a depth from 0 to 4 is drawn, then each level is an array of up to 5 or an
   * object of up to 6 members (equally likely) of values one level shallower, down to scalars;
   * objects are keyed mostly by the routes' own field names.
   */
  static JsonNode value(final Fuzz f) {
    return value(f, f.between(0, 4));
  }

  private static JsonNode value(final Fuzz f, final int depth) {
    if (depth == 0) {
      return scalar(f);
    }
    if (f.bool()) {
      final List<JsonNode> items = new ArrayList<>();
      final int n = f.size(0, 5);
      for (int i = 0; i < n; i++) {
        items.add(value(f, depth - 1));
      }
      return array(items);
    }
    final Map<String, JsonNode> fields = new LinkedHashMap<>();
    final int n = f.size(0, 6);
    for (int attempt = 0; fields.size() < n && attempt < 100; attempt++) {
      final String key = f.weighted(4, 1) == 0 ? f.of(FIELD_NAMES) : f.string(12);
      if (!fields.containsKey(key)) {
        fields.put(key, value(f, depth - 1));
      }
    }
    return object(fields);
  }

  /**
   * Whole bodies that are JSON but hardly a request, by weight: a random value 8, arrays nested 200
   * to 30,000 deep 1, objects nested 200 to 5,000 deep 1, a subject of 60,000 to 70,000 bytes 1, up
   * to 200 random bytes 1.
   */
  static byte[] randomBody(final Fuzz f) {
    return switch (f.weighted(8, 1, 1, 1, 1)) {
      case 0 -> bytes(value(f), new Random(0));
      case 1 -> deepArray(f.between(200, 30_000));
      case 2 -> deepObject(f.between(200, 5_000));
      case 3 ->
          ("{\"subject\":\"" + "长".repeat(f.between(60_000, 70_000) / 3) + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      default -> f.bytes(200);
    };
  }

  private static byte[] deepArray(final int depth) {
    return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] deepObject(final int depth) {
    return ("{\"items\":".repeat(depth) + "1" + "}".repeat(depth))
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** What can be done to a valid body (a tree mutation, then maybe one to its bytes). */
  enum Mutation {
    DROP_FIELD,
    WRONG_TYPE,
    BAD_DATE,
    BAD_NUMBER,
    UNKNOWN_TYPE,
    EXTRA_FIELD,
    WEIRD_STRING,
    DUPLICATE_KEY,
    TRUNCATE,
    NON_JSON_BYTES,
    INVALID_UTF8,
    NONE
  }

  /**
   * The body after {@code m}; {@code value} is the random value it puts in, {@code r} picks the
   * place.
   */
  static byte[] mutate(
      final JsonNode valid, final Mutation m, final JsonNode value, final Random r) {
    final JsonNode tree = valid.deepCopy();
    final List<ObjectNode> objects = new ArrayList<>();
    collectObjects(tree, objects);
    final ObjectNode target = objects.get(r.nextInt(objects.size()));
    final List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    final String field = names.isEmpty() ? "x" : names.get(r.nextInt(names.size()));
    switch (m) {
      case DROP_FIELD -> target.remove(field);
      case WRONG_TYPE -> target.set(field, value);
      case BAD_DATE -> {
        final List<String> dates =
            names.stream()
                .filter(
                    n -> n.toLowerCase(java.util.Locale.ROOT).contains("date") || n.equals("dueBy"))
                .toList();
        target.put(
            dates.isEmpty() ? field : dates.get(r.nextInt(dates.size())),
            List.of(
                    "9999-12-31",
                    "1900-01-01",
                    "2008-04-30",
                    "2026-02-30",
                    "2026-13-01",
                    "0001-01-01",
                    "+999999999-12-31",
                    "2026-1-1",
                    "2026/03/01",
                    "")
                .get(r.nextInt(10)));
      }
      case BAD_NUMBER ->
          target.set(
              field,
              List.<JsonNode>of(
                      NODES.numberNode(-1),
                      NODES.numberNode(0),
                      NODES.numberNode(21),
                      NODES.numberNode(Long.MIN_VALUE),
                      NODES.numberNode(new BigDecimal("1e400")),
                      NODES.numberNode(new BigDecimal("-0.001")),
                      NODES.numberNode(new BigDecimal("0.5")),
                      NODES.numberNode(new BigInteger("99999999999999999999999")))
                  .get(r.nextInt(8)));
      case UNKNOWN_TYPE ->
          target.put(
              target.has("type") ? "type" : field,
              List.of(
                      "UNKNOWN",
                      "decided",
                      "RECEIVED",
                      "DEADLINE_RECOMPUTED",
                      "APPLICATION_RECEIVED",
                      "")
                  .get(r.nextInt(6)));
      case EXTRA_FIELD ->
          target.set(
              List.of("applicantName", "idNumber", "byDeskToken", "extra", "", "requestId ")
                  .get(r.nextInt(6)),
              value);
      case WEIRD_STRING -> target.put(field, EDGE_STRINGS.get(r.nextInt(EDGE_STRINGS.size())));
      default -> {
        // the byte mutations below
      }
    }
    final byte[] text = bytes(tree, r);
    return switch (m) {
      case DUPLICATE_KEY -> duplicateFirstKey(text, r);
      case TRUNCATE -> java.util.Arrays.copyOf(text, r.nextInt(Math.max(1, text.length)));
      case NON_JSON_BYTES -> {
        final byte[] junk = new byte[1 + r.nextInt(120)];
        r.nextBytes(junk);
        yield junk;
      }
      case INVALID_UTF8 -> {
        final byte[] out = text.clone();
        out[r.nextInt(out.length)] =
            (byte) List.of(0xC0, 0xFF, 0x80, 0xED).get(r.nextInt(4)).intValue();
        yield out;
      }
      default -> text;
    };
  }

  /** The first member of the outermost object written twice, the second time with another value. */
  private static byte[] duplicateFirstKey(final byte[] text, final Random r) {
    final String s = new String(text, StandardCharsets.UTF_8);
    if (!s.startsWith("{\"")) {
      return text;
    }
    final int end = s.indexOf("\":", 2);
    if (end < 0) {
      return text;
    }
    final String key = s.substring(1, end + 1);
    final String again = List.of("null", "1", "\"x\"", "[]", "{}").get(r.nextInt(5));
    return ("{" + key + ":" + again + "," + s.substring(1)).getBytes(StandardCharsets.UTF_8);
  }

  private static void collectObjects(final JsonNode node, final List<ObjectNode> out) {
    if (node instanceof ObjectNode o) {
      out.add(o);
    }
    node.elements().forEachRemaining(child -> collectObjects(child, out));
  }

  static ArrayNode array(final List<JsonNode> items) {
    final ArrayNode a = NODES.arrayNode();
    items.forEach(a::add);
    return a;
  }

  static ObjectNode object(final Map<String, JsonNode> fields) {
    final ObjectNode o = NODES.objectNode();
    fields.forEach(o::set);
    return o;
  }

  /**
   * JSON text; a lone surrogate (and, by chance, any other character) is written as a \\u escape.
   */
  static byte[] bytes(final JsonNode node, final Random r) {
    final StringBuilder out = new StringBuilder();
    write(node, out, r);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(final JsonNode node, final StringBuilder out, final Random r) {
    if (node.isObject()) {
      out.append('{');
      final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      boolean first = true;
      while (it.hasNext()) {
        final Map.Entry<String, JsonNode> e = it.next();
        out.append(first ? "" : ",");
        first = false;
        string(e.getKey(), out, r);
        out.append(':');
        write(e.getValue(), out, r);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(node.get(i), out, r);
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.textValue(), out, r);
    } else if (node.isBigDecimal()) {
      out.append(node.decimalValue().toString());
    } else {
      out.append(node.toString());
    }
  }

  private static void string(final String s, final StringBuilder out, final Random r) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      final boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        out.append(c).append(s.charAt(++i));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) || r.nextInt(50) == 0) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
