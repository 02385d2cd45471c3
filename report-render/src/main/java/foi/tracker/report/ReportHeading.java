package foi.tracker.report;

import foi.tracker.core.taxonomy.ReportText;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a table download or report draft is (表头说明), stated above the official grid: the agency, the
 * year, the scope (本机关 or 含下级) and either the moment of the live figures or the published version
 * (api.md "For people").
 *
 * <p>At most one of {@code liveAsOf} and {@code publication} is set. Both null means the caller did
 * not say; only the overloads kept from before the heading existed pass that, and the status is
 * then left out.
 *
 * @param agencyName the agency's name as shown (the name frozen with the version, for a published
 *     one)
 * @param year the report year
 * @param subtree true for a roll-up of the agency and its sub-agencies (含下级)
 * @param liveAsOf when the live figures were read, or null for a published version
 * @param publication the published version (发布版本), or null for live figures
 */
public record ReportHeading(
    String agencyName, int year, boolean subtree, Instant liveAsOf, Publication publication) {
  /** Live figures are stated in China time (the desks' and the report's time zone). */
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");

  /**
   * A published version of the year's report (发布版本).
   *
   * @param version 1 for the first publication, n for the n-th
   * @param publishedDate the date the office gives as its publication date
   * @param reason the correction reason (更正原因), required by the API from version 2 on; null or
   *     blank for none
   */
  public record Publication(int version, LocalDate publishedDate, String reason) {
    public Publication {
      if (version < 1) {
        throw new IllegalArgumentException("publication.version must be >= 1, got " + version);
      }
      Objects.requireNonNull(publishedDate, "publication.publishedDate");
    }
  }

  public ReportHeading {
    Objects.requireNonNull(agencyName, "agencyName");
    if (liveAsOf != null && publication != null) {
      throw new IllegalArgumentException(
          "liveAsOf and publication are both set: a heading is live or published");
    }
  }

  /** Live figures of {@code agencyName}'s year as read at {@code asOf}. */
  public static ReportHeading live(
      final String agencyName, final int year, final boolean subtree, final Instant asOf) {
    return new ReportHeading(agencyName, year, subtree, Objects.requireNonNull(asOf, "asOf"), null);
  }

  /** The frozen figures of a published version. */
  public static ReportHeading published(
      final String agencyName,
      final int year,
      final boolean subtree,
      final Publication publication) {
    return new ReportHeading(
        agencyName, year, subtree, null, Objects.requireNonNull(publication, "publication"));
  }

  /**
   * The Table 三/四 {@code scope} value this heading stands for: {@code subtree} or {@code agency}.
   */
  public String scope() {
    return subtree ? "subtree" : "agency";
  }

  /** 本机关 or 含下级. */
  public String scopeText(final ReportText text) {
    return text.text(subtree ? "heading.scope.subtree" : "heading.scope.agency");
  }

  /**
   * 「截至 2026-12-07 14:03 的实时数据」 or 「第2版，发布日期 2026-01-20；更正原因：…」; empty when the heading says
   * neither.
   */
  public String statusText(final ReportText text) {
    if (liveAsOf != null) {
      return text.format("heading.live", Map.of("asOf", AS_OF.format(liveAsOf.atZone(CHINA))));
    }
    if (publication == null) {
      return "";
    }
    final String published =
        text.format(
            "heading.published",
            Map.of(
                "version",
                publication.version(),
                "date",
                DATE.format(publication.publishedDate())));
    final String reason = publication.reason();
    return reason == null || reason.isBlank()
        ? published
        : published + text.format("heading.published.reason", Map.of("reason", reason.strip()));
  }

  /** The one-line statement, e.g. 「连城镇人民政府　2024年度　本机关　截至 2026-12-07 14:03 的实时数据」 (not escaped). */
  public String line(final ReportText text) {
    final Map<String, Object> values = new LinkedHashMap<>();
    values.put("agency", agencyName);
    values.put("year", year);
    values.put("scope", scopeText(text));
    values.put("status", statusText(text));
    return text.format("heading.line", values).strip();
  }

  /** {@link #line} as an HTML paragraph of class {@code report-heading}, escaped. */
  String html(final ReportText text) {
    return "<p class=\"report-heading\">" + Html.escape(line(text)) + "</p>\n";
  }
}
