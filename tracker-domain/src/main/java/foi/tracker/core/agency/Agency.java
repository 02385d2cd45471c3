package foi.tracker.core.agency;

/**
 * 行政机关: an agency (township, county department, county government, …); {@code parentId} null for a
 * root.
 *
 * @param reportDue when its annual report is due (条例 Art. 49), {@code MM-dd} of the next year:
 *     {@code 01-31} for a government department, {@code 03-31} for a government at or above county
 *     level; a township is set as its office is told. Null: read from the name ({@link
 *     #reportDueOrDefault})
 */
@com.fasterxml.jackson.annotation.JsonInclude(
    com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record Agency(String agencyId, String name, String parentId, String reportDue) {
  /** Due dates the law knows (Art. 49). */
  public static final java.util.List<String> REPORT_DUE_DATES = java.util.List.of("01-31", "03-31");

  public Agency(final String agencyId, final String name, final String parentId) {
    this(agencyId, name, parentId, null);
  }

  /**
   * {@link #reportDue}, else 03-31 for a name ending in 人民政府 (a government) and 01-31 for any other
   * (a department).
   */
  public String reportDueOrDefault() {
    if (reportDue != null) {
      return reportDue;
    }
    return name != null && name.endsWith("人民政府") ? "03-31" : "01-31";
  }
}
