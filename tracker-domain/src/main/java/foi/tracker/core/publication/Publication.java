package foi.tracker.core.publication;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 年报发布: one published version of an agency's annual report for a year, as the ingest records it on
 * {@code foi.publications} (key {@link #key}). A version frozen by the tracker names its cut
 * ({@link #cutId}) and how many agencies it froze ({@link #members}); the frozen figures themselves
 * are the {@link PublishedPart}s the processor writes at the cut, one per cut marker ({@link
 * #parts} of them). An imported version carries the numbers as published instead. A withdrawn
 * version (撤销) is the same record written again with {@code withdrawn} set; it is never deleted.
 *
 * @param bodyFingerprint fingerprint of the PUT body, so the same version sent again with the same
 *     body is answered as the first time and with another body is 409
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Publication(
    String agencyId,
    int year,
    int version,
    LocalDate publishedDate,
    String reason,
    ImportedReport imported,
    String cutId,
    int members,
    int parts,
    String agencyName,
    String bodyFingerprint,
    Instant recordedAt,
    boolean withdrawn,
    String withdrawnReason,
    Instant withdrawnAt) {

  /** The record key on {@code foi.publications}: {@code agencyId|year|version}. */
  public static String key(final String agencyId, final int year, final int version) {
    return agencyId + "|" + year + "|" + version;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public String key() {
    return key(agencyId, year, version);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isImported() {
    return imported != null;
  }

  /** This version, withdrawn (撤销) for {@code why}. */
  public Publication withdraw(final String why, final Instant at) {
    return new Publication(
        agencyId,
        year,
        version,
        publishedDate,
        reason,
        imported,
        cutId,
        members,
        parts,
        agencyName,
        bodyFingerprint,
        recordedAt,
        true,
        why,
        at);
  }
}
