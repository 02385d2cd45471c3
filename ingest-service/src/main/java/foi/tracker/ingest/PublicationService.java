package foi.tracker.ingest;

import static foi.tracker.ingest.Answers.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.json.Json;
import foi.tracker.core.publication.ImportedReport;
import foi.tracker.core.publication.Publication;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * 年报发布 on the write side (api.md "Publication"): checks a publication in the contract's order, then
 * writes, in one Kafka transaction, a cut marker ({@link PublicationCut}) on every partition of the
 * event log and the version's record on {@code foi.publications}; answers 201 once the broker has
 * committed them. The cut is where the markers stand in the log: every write acknowledged before
 * this call is before them, every write sent after the answer is after them. Withdrawal (撤销)
 * rewrites the version's record with the reason.
 */
public final class PublicationService {
  /** The first year of the 30号 layout. */
  static final int FIRST_YEAR = 2021;

  /**
   * Agencies listed in one cut marker at most (a partition with more of the subtree gets several in
   * a row).
   */
  static final int MEMBERS_PER_MARKER = 2_000;

  private static final ObjectMapper CANONICAL =
      Json.MAPPER.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final IngestLedger ledger;
  private final BatchWriter batches;
  private final Clock clock;
  private final int partitions;
  private final Callers callers;
  private final Taxonomy taxonomy = Taxonomy.get();

  PublicationService(
      final IngestLedger ledger,
      final BatchWriter batches,
      final Clock clock,
      final int partitions,
      final Callers callers) {
    this.ledger = ledger;
    this.batches = batches;
    this.clock = clock;
    this.partitions = partitions;
    this.callers = callers;
  }

  /** Counts the versions published (IngestApp sets it before the server starts). */
  volatile IngestMetrics metrics = IngestMetrics.NONE;

  /** PUT /api/v1/agencies/{agencyId}/reports/{year}/publications/{version}. */
  Reply publish(
      final String authorization,
      final String agencyId,
      final String yearText,
      final String versionText,
      final byte[] body) {
    return guard(
        () -> {
          callers.authorize(authorization, agencyId);
          final Agency agency = agency(agencyId);
          final LocalDate today =
              LocalDate.now(clock.withZone(foi.tracker.core.request.RequestRules.CHINA));
          final int year = year(yearText, today);
          final int version = version(versionText);
          final BodyReader b =
              BodyReader.parse(body, Set.of("publishedDate", "reason", "imported"));
          final LocalDate publishedDate = b.date("publishedDate", true, today, false);
          if (!publishedDate.isAfter(LocalDate.of(year, 12, 31))) {
            throw ApiException.badField(
                "publishedDate",
                "发布日期须在" + year + "年12月31日之后",
                publishedDate + " is not after the end of the year");
          }
          final String reason = b.text("reason", false, 500);
          final JsonNode importedNode = b.node("imported");
          final ImportedReport imported =
              importedNode == null || importedNode.isNull() ? null : imported(importedNode);
          synchronized (this) {
            final NavigableMap<Integer, Publication> versions = ledger.publications(agencyId, year);
            final Publication previous = versions.get(version - 1);
            if (previous != null && publishedDate.isBefore(previous.publishedDate())) {
              throw ApiException.badField(
                  "publishedDate",
                  "发布日期不能早于第" + previous.version() + "版的发布日期" + previous.publishedDate(),
                  "before the previous version's");
            }
            if (version >= 2 && (reason == null || reason.isBlank())) {
              throw new ApiException(
                  400,
                  "MISSING_FIELD",
                  "reason",
                  "第2版起须填写更正原因 (reason is required from " + "version 2 on)");
            }
            if (imported == null
                && versions.values().stream()
                    .anyMatch(p -> p.isImported() && p.version() < version)) {
              throw new ApiException(
                  400,
                  "MISSING_FIELD",
                  "imported",
                  "该年度年报为导入，后续版本也须导入 (every later "
                      + "version of an imported year is imported too)");
            }
            final String fingerprint = fingerprint(b);
            final Publication same = versions.get(version);
            if (same != null) {
              if (same.bodyFingerprint().equals(fingerprint)) {
                return Reply.of(201, answer(same));
              }
              throw new ApiException(
                  409,
                  "CONFLICT",
                  "version",
                  "第"
                      + version
                      + "版已以不同内容发布 (version "
                      + version
                      + " was already published with another body)");
            }
            final int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
            if (version != next) {
              throw new ApiException(
                  409,
                  "VERSION_CONFLICT",
                  "version",
                  "下一个版本号应为" + next + " (the next version " + "is " + next + ")");
            }
            final String cutId = UUID.randomUUID().toString();
            final List<Agency> members =
                imported != null && !imported.isSubtree()
                    ? List.of(agency)
                    : ledger.subtree(agencyId);
            final List<ProducerRecord<String, byte[]>> records =
                cutMarkers(agencyId, year, version, cutId, members);
            final Publication p =
                new Publication(
                    agencyId,
                    year,
                    version,
                    publishedDate,
                    reason,
                    imported,
                    cutId,
                    members.size(),
                    records.size(),
                    agency.name(),
                    fingerprint,
                    clock.instant(),
                    false,
                    null,
                    null);
            records.add(
                new ProducerRecord<>(
                    Topics.PUBLICATIONS.name(),
                    p.key(),
                    Topics.PUBLICATIONS.valueSerde().serializer().serialize(null, p)));
            batches.writeAll(records);
            ledger.applyPublication(p);
            metrics.published();
            return Reply.of(201, answer(p));
          }
        });
  }

  /**
   * DELETE .../publications/{version} (admin): the version made in error is marked 撤销, and kept.
   */
  Reply withdraw(
      final String authorization,
      final String agencyId,
      final String yearText,
      final String versionText,
      final byte[] body) {
    return guard(
        () -> {
          callers.requireAdmin(authorization);
          callers.requireAgency(agencyId);
          final int year = year(yearText, null);
          final int version = version(versionText);
          final String reason = BodyReader.parse(body, Set.of("reason")).text("reason", true, 500);
          synchronized (this) {
            final Publication p = ledger.publications(agencyId, year).get(version);
            if (p == null) {
              throw new ApiException(
                  404,
                  "NOT_PUBLISHED",
                  "version",
                  agencyId + " 的" + year + "年度年报没有第" + version + "版 (no such publication)");
            }
            if (p.withdrawn()) {
              return Reply.of(200, withdrawnAnswer(p));
            }
            final Publication w = p.withdraw(reason, clock.instant());
            batches.writeAll(
                new ArrayList<>(
                    List.of(
                        new ProducerRecord<>(
                            Topics.PUBLICATIONS.name(),
                            w.key(),
                            Topics.PUBLICATIONS.valueSerde().serializer().serialize(null, w)))));
            ledger.applyPublication(w);
            return Reply.of(200, withdrawnAnswer(w));
          }
        });
  }

  /**
   * The cut markers: on every partition of the event log, the agencies of the subtree that live
   * there (at least one marker per partition, so that every partition records where the cut is).
   */
  private List<ProducerRecord<String, byte[]>> cutMarkers(
      final String agencyId,
      final int year,
      final int version,
      final String cutId,
      final List<Agency> members) {
    final Map<Integer, List<PublicationCut.Member>> byPartition = new HashMap<>();
    for (int i = 0; i < partitions; i++) {
      byPartition.put(i, new ArrayList<>());
    }
    for (Agency a : members) {
      byPartition
          .get(EventLogPartitioner.partitionOf(RequestKey.of(a.agencyId(), "-"), partitions))
          .add(new PublicationCut.Member(a.agencyId(), a.name(), a.parentId()));
    }
    final List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    final List<RecordHeader> headers =
        List.of(
            new RecordHeader(
                PublicationCut.HEADER, PublicationCut.KIND.getBytes(StandardCharsets.UTF_8)));
    for (Map.Entry<Integer, List<PublicationCut.Member>> e : byPartition.entrySet()) {
      final List<PublicationCut.Member> all = e.getValue();
      int chunk = 0;
      for (int from = 0; from == 0 || from < all.size(); from += MEMBERS_PER_MARKER) {
        final PublicationCut cut =
            new PublicationCut(
                agencyId,
                year,
                version,
                cutId,
                chunk++,
                all.subList(from, Math.min(all.size(), from + MEMBERS_PER_MARKER)));
        out.add(
            new ProducerRecord<>(
                Topics.EVENTS.name(),
                e.getKey(),
                "publication/" + Publication.key(agencyId, year, version),
                Json.write(cut),
                new java.util.ArrayList<>(headers)));
        if (all.isEmpty()) {
          break;
        }
      }
    }
    return out;
  }

  /**
   * The {@code imported} report of a publication body, every cell checked (400 naming the cell).
   */
  ImportedReport imported(final JsonNode node) {
    final BodyReader r =
        BodyReader.of(node, Set.of("scope", "table3", "table4", "compliance"), "imported");
    final String scope = r.code("scope", List.of("agency", "subtree"), false);
    final JsonNode t3 = r.node("table3");
    if (t3 == null || t3.isNull()) {
      throw ApiException.missing("imported.table3");
    }
    final JsonNode rowsNode = BodyReader.of(t3, Set.of("rows"), "imported.table3").node("rows");
    if (rowsNode == null || !rowsNode.isObject()) {
      throw ApiException.missing("imported.table3.rows");
    }
    final Map<String, long[]> rows = new LinkedHashMap<>();
    for (Taxonomy.Row row : taxonomy.rows()) {
      final String field = "imported.table3.rows." + row.code();
      final JsonNode v = rowsNode.get(row.code());
      if (v == null || v.isNull()) {
        throw ApiException.missing(field);
      }
      if (!v.isArray() || v.size() != 7) {
        throw ApiException.badField(
            field, "应为7个整数", "must be 7 integers: six applicant types, then the total");
      }
      final long[] values = new long[7];
      for (int i = 0; i < 7; i++) {
        values[i] = integer(v.get(i), field + "[" + i + "]");
      }
      rows.put(row.code(), values);
    }
    rowsNode
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!rows.containsKey(name)) {
                throw ApiException.badField(
                    "imported.table3.rows." + name, "不是表三的行代码", "not a row code of Table 三");
              }
            });
    final JsonNode t4 = r.node("table4");
    if (t4 == null || t4.isNull()) {
      throw ApiException.missing("imported.table4");
    }
    final JsonNode cellsNode = BodyReader.of(t4, Set.of("cells"), "imported.table4").node("cells");
    if (cellsNode == null || !cellsNode.isObject()) {
      throw ApiException.missing("imported.table4.cells");
    }
    final Map<String, Long> cells = new LinkedHashMap<>();
    for (String code : taxonomy.table4Columns()) {
      final String field = "imported.table4.cells." + code;
      final JsonNode v = cellsNode.get(code);
      if (v == null || v.isNull()) {
        throw ApiException.missing(field);
      }
      cells.put(code, integer(v, field));
    }
    cellsNode
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!cells.containsKey(name)) {
                throw ApiException.badField(
                    "imported.table4.cells." + name, "不是表四的代码", "not a code of Table 四");
              }
            });
    final JsonNode c = r.node("compliance");
    Map<String, Object> compliance = null;
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw ApiException.badField("imported.compliance", "应为对象", "must be an object");
      }
      compliance = new LinkedHashMap<>();
      for (String f : List.of("decided", "onTime", "late", "openOverdue")) {
        final JsonNode v = c.get(f);
        if (v != null && !v.isNull()) {
          compliance.put(f, integer(v, "imported.compliance." + f));
        }
      }
      for (String f : List.of("onTimeRate", "medianWorkingDays")) {
        final JsonNode v = c.get(f);
        if (v != null && !v.isNull()) {
          if (!v.isNumber() || v.asDouble() < 0) {
            throw ApiException.badField(
                "imported.compliance." + f, "应为非负数", "must be a number ≥ 0");
          }
          compliance.put(f, v.asDouble());
        }
      }
    }
    return new ImportedReport(scope == null ? "agency" : scope, rows, cells, compliance);
  }

  /**
   * A published count: a whole number, as given (a negative one is stored, and the NEGATIVE check
   * reports it).
   */
  private static long integer(final JsonNode v, final String field) {
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ApiException.badField(field, "应为整数", "must be a whole number");
    }
    return v.asLong();
  }

  private static String fingerprint(final BodyReader b) {
    try {
      final byte[] canonical =
          CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(b.node(), Object.class));
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> answer(final Publication p) {
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("agencyId", p.agencyId());
    out.put("year", p.year());
    out.put("version", p.version());
    out.put("publishedDate", p.publishedDate());
    return out;
  }

  private static Map<String, Object> withdrawnAnswer(final Publication p) {
    final Map<String, Object> out = answer(p);
    out.put("withdrawn", true);
    out.put("withdrawnReason", p.withdrawnReason());
    return out;
  }

  private Agency agency(final String agencyId) {
    BodyReader.checkId("agencyId", agencyId);
    return ledger
        .agency(agencyId)
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "UNKNOWN_AGENCY",
                    "agencyId",
                    "机关未登记 (agency " + agencyId + " is not registered)"));
  }

  /**
   * A whole year from 2021 (the 30号 layout) that has ended in China time ({@code today} null: not
   * checked).
   */
  private static int year(final String text, final LocalDate today) {
    final int year;
    try {
      year = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiException.badField("year", "「" + text + "」不是年份", "not a year");
    }
    if (year < FIRST_YEAR || year > 9999) {
      throw ApiException.badField(
          "year",
          "年报发布从" + FIRST_YEAR + "年度起（国办公开办函〔2021〕30号格式）",
          "publications are for years from " + FIRST_YEAR);
    }
    if (today != null && year >= today.getYear()) {
      throw new ApiException(
          400, "YEAR_NOT_ENDED", "year", year + "年度尚未结束，不能发布年报 (the year has not ended)");
    }
    return year;
  }

  private static int version(final String text) {
    try {
      final int v = Integer.parseInt(text);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiException.badField(
        "version", "「" + text + "」不是版本号，应为从1起的整数", "must be a whole number ≥ 1");
  }
}
