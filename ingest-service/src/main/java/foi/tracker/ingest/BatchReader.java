package foi.tracker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of a batch call (批量导入): {@code {"items": [item, ...]}}, 1 to {@link #MAX_ITEMS}
 * items, at most {@link #MAX_BATCH_BYTES}. An item is {@code {"agencyId"?, "application": {...}}}
 * (the body of POST .../requests) or {@code {"agencyId"?, "requestId", "event": {...}}} (the body
 * of POST .../requests/{requestId}/events).
 *
 * <p>Every item must carry its own id ({@code application.requestId}, {@code event.eventId}): a
 * batch the broker did not confirm is sent again as it is, and only ids make that count once. A
 * malformed envelope refuses the whole call; a malformed item refuses that item only, with the
 * error the single call would give.
 */
final class BatchReader {
  static final int MAX_ITEMS = 1_000;
  static final int MAX_BATCH_BYTES = 1024 * 1024;
  private static final Set<String> ITEM_FIELDS =
      Set.of("agencyId", "requestId", "application", "event");

  /** One item: what to write, or why it cannot be ({@code error} not null). */
  record Item(
      String agencyId,
      String requestId,
      JsonNode body,
      boolean isApplication,
      ApiException error) {}

  private BatchReader() {}

  static List<Item> items(final byte[] raw) {
    final JsonNode root = BodyReader.readJson(raw, MAX_BATCH_BYTES);
    if (!root.isObject()) {
      throw ApiException.of(
          400,
          "BAD_JSON",
          null,
          "请求体应为 JSON 对象",
          "the request body must be a JSON object {\"items\": [...]}");
    }
    BodyReader.requireKnownFields(root, Set.of("items"), "a batch");
    final JsonNode items = root.get("items");
    if (items == null || items.isNull()) {
      throw ApiException.missing("items");
    }
    if (!items.isArray() || items.isEmpty() || items.size() > MAX_ITEMS) {
      throw ApiException.badField(
          "items",
          "每批 1 至 " + MAX_ITEMS + " 项",
          "must be a list of 1 to "
              + MAX_ITEMS
              + " items, got "
              + (items.isArray()
                  ? items.size() + " items"
                  : "a " + items.getNodeType().name().toLowerCase()));
    }
    final List<Item> out = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      out.add(item(item));
    }
    return out;
  }

  private static Item item(final JsonNode item) {
    try {
      if (!item.isObject()) {
        throw ApiException.of(
            400,
            "INVALID_FIELD",
            "items",
            "每项应为 JSON 对象",
            "a batch item must be a JSON object with \"application\" or \"event\"");
      }
      BodyReader.requireKnownFields(item, ITEM_FIELDS, "a batch item");
      final String agencyId = text(item, "agencyId");
      final String requestId = text(item, "requestId");
      final JsonNode application = item.get("application");
      final JsonNode event = item.get("event");
      if ((application == null) == (event == null)) {
        throw ApiException.of(
            400,
            application == null ? "MISSING_FIELD" : "INVALID_FIELD",
            "application",
            "每项须为申请或事件之一",
            "a batch item has either \"application\" or \"event\", not "
                + (application == null ? "neither" : "both"));
      }
      if (application != null) {
        if (requestId != null) {
          throw ApiException.badField(
              "requestId",
              "申请编号应写在 application 内",
              "an application item carries its requestId inside \"application\"");
        }
        requireId(application, "requestId", "application");
        return new Item(agencyId, null, application, true, null);
      }
      if (requestId == null) {
        throw ApiException.missing("requestId");
      }
      requireId(event, "eventId", "event");
      return new Item(agencyId, requestId, event, false, null);
    } catch (ApiException e) {
      return new Item(null, null, null, false, e);
    }
  }

  private static String text(final JsonNode item, final String field) {
    final JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badField(field, "应为字符串", "must be a text");
    }
    return v.asText();
  }

  /** A batch item must name itself, so that sending the batch again writes nothing twice. */
  private static void requireId(final JsonNode body, final String field, final String what) {
    if (body.isObject() && (body.get(field) == null || body.get(field).isNull())) {
      throw ApiException.of(
          400,
          "MISSING_FIELD",
          field,
          "批量导入须填写" + (field.equals("requestId") ? "申请编号" : "事件编号") + "，重发的批次才只计一次",
          field + " is required in a batch " + what + ", so that a batch sent again counts once");
    }
  }
}
