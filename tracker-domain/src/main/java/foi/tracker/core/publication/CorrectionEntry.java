package foi.tracker.core.publication;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * 发布后更正: a change, after a publication's cut, to a figure that publication froze. The processor
 * writes one for each event (or deadline recomputation) that moved a cell of the published year of
 * an agency in the published subtree; {@code version} and {@code cutId} are those of the latest cut
 * covering that agency when it happened, so a version's corrections are the entries of that version
 * (of its own cut) and of every later one.
 *
 * @param type the event type, or {@code DEADLINE_RECOMPUTED} when a holiday schedule moved an
 *     answer's timeliness
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorrectionEntry(
    String publisherId,
    int year,
    int version,
    String cutId,
    String agencyId,
    String requestId,
    String eventId,
    String type,
    LocalDate date) {
  /** The record key: the publication it belongs to, {@code publisherId|year}. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String key() {
    return publisherId + "|" + year;
  }
}
