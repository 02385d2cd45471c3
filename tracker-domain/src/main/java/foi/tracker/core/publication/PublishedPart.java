package foi.tracker.core.publication;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The counters a publication's cut froze on one marker ({@link PublicationCut}; key {@link #key}):
 * the sum of the cells of the agencies it lists, projected on the published year ({@link
 * PublishedCells#project}), the publisher's own cells when it is one of them, and the agencies
 * themselves as the subtree held them. One record per marker, not per agency, so a national
 * publication is a few records: the subtree table is the sum of the parts' {@code cells}.
 *
 * @param own the publisher's own cells, on the one marker that lists it; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishedPart(
    String publisherId,
    int year,
    int version,
    String cutId,
    int partition,
    int chunk,
    List<PublicationCut.Member> members,
    Map<String, Long> own,
    Map<String, Long> cells) {
  public PublishedPart {
    members = members == null ? List.of() : List.copyOf(members);
    own = own == null ? null : Map.copyOf(own);
    cells = cells == null ? Map.of() : Map.copyOf(cells);
  }

  public static String key(
      final String publisherId,
      final int year,
      final int version,
      final int partition,
      final int chunk) {
    return publisherId + "|" + year + "|" + version + "|" + partition + "." + chunk;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public String key() {
    return key(publisherId, year, version, partition, chunk);
  }
}
