package foi.tracker.core.publication;

import java.util.Map;

/**
 * One agency's counters frozen at a publication's cut (the processor writes one per agency of the published subtree,
 * key {@link #key}): its cells projected on the published year ({@link PublishedCells#project}). The agency's own
 * published table is built from its part; the subtree table from the sum of the parts.
 */
public record PublishedPart(String publisherId, int year, int version, String cutId, PublicationCut.Member member,
                            Map<String, Long> cells) {
  public PublishedPart {
    cells = cells == null ? Map.of() : Map.copyOf(cells);
  }

  public static String key(final String publisherId, final int year, final int version, final String memberId) {
    return publisherId + "|" + year + "|" + version + "|" + memberId;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public String key() {
    return key(publisherId, year, version, member.agencyId());
  }
}
