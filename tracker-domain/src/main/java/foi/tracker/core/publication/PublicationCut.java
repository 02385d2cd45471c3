package foi.tracker.core.publication;

import java.util.List;

/**
 * 发布截点: the marker the ingest writes on every partition of the event log when a report is
 * published. The event log is partitioned by agency and an agency's figures depend on its own
 * partition's events only, so the position of the marker on each partition is an exact cut for the
 * agencies of that partition: the processor freezes each listed agency's counters when it meets the
 * marker ({@link PublishedPart}). A partition with many agencies of the subtree gets several
 * markers in a row ({@code chunk}); each freezes its own agencies where it stands, which still puts
 * every write acknowledged before the publication call on the frozen side and every write sent
 * after its answer on the other.
 *
 * @param members the agencies of the subtree (as the ingest held it at the call) that live on this
 *     partition
 */
public record PublicationCut(
    String agencyId, int year, int version, String cutId, int chunk, List<Member> members) {
  /** Header marking an event-log record as a cut, not an event. */
  public static final String HEADER = "foi-kind";

  /** Value of {@link #HEADER} on a cut. */
  public static final String KIND = "publication-cut";

  public PublicationCut {
    members = members == null ? List.of() : List.copyOf(members);
  }

  /** An agency as the subtree held it at the cut: its id, name and parent. */
  public record Member(String agencyId, String name, String parentId) {}
}
