package foi.tracker.dashboard;

import foi.tracker.core.publication.CorrectionEntry;
import foi.tracker.core.publication.Publication;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.publication.PublishedCells;
import foi.tracker.core.publication.PublishedPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The published reports (年报发布) as the dashboard knows them from Kafka: each version's record, the
 * figures frozen at its cut (assembled from the processor's {@link PublishedPart}s once all of them
 * are there), and the corrections written after it. Fed by the dashboard's tail thread; read by the
 * HTTP threads. Everything a version shows comes from what was frozen, never from the live
 * counters.
 */
final class PublicationViews {
  /** Per {@code agencyId|year}: the versions by number. */
  private final Map<String, TreeMap<Integer, Version>> versions = new HashMap<>();

  /** Parts of versions not yet complete, per {@code publisherId|year|version}, by part key. */
  private final Map<String, Map<String, PublishedPart>> pendingParts = new HashMap<>();

  /** Per {@code publisherId|year}: the corrections in the order written. */
  private final Map<String, List<CorrectionEntry>> corrections = new HashMap<>();

  /**
   * When each agency's record was last written (name or parent changed), for the tree's
   * corrections.
   */
  private final Map<String, Instant> agencyChanged = new HashMap<>();

  /**
   * One version: its record and, for a version frozen by the tracker, its figures once complete.
   *
   * @param agencyCells the publisher's own cells at the cut (projected on the year), null until
   *     complete or imported
   * @param subtreeCells the sum of the subtree's cells at the cut
   * @param members the agencies of the subtree at the cut, by id (names as they were then)
   */
  record Version(
      Publication publication,
      Map<String, Long> agencyCells,
      Map<String, Long> subtreeCells,
      Map<String, PublicationCut.Member> members) {
    boolean complete() {
      return publication.isImported() || agencyCells != null;
    }
  }

  synchronized void putPublication(final Publication p) {
    final TreeMap<Integer, Version> byVersion =
        versions.computeIfAbsent(p.agencyId() + "|" + p.year(), k -> new TreeMap<>());
    final Version old = byVersion.get(p.version());
    if (old != null
        && old.complete()
        && p.cutId() != null
        && p.cutId().equals(old.publication().cutId())) {
      byVersion.put(
          p.version(), new Version(p, old.agencyCells(), old.subtreeCells(), old.members()));
      return;
    }
    byVersion.put(p.version(), new Version(p, null, null, Map.of()));
    tryComplete(p);
  }

  synchronized void putPart(final PublishedPart part) {
    final String key = part.publisherId() + "|" + part.year() + "|" + part.version();
    final Version v = version(part.publisherId(), part.year(), part.version());
    if (v != null && v.complete() && part.cutId().equals(v.publication().cutId())) {
      return; // already assembled (a part read again)
    }
    pendingParts.computeIfAbsent(key, k -> new HashMap<>()).put(part.key(), part);
    if (v != null) {
      tryComplete(v.publication());
    }
  }

  synchronized void putCorrection(final CorrectionEntry c) {
    corrections.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c);
  }

  synchronized void agencyWritten(final String agencyId, final Instant at) {
    agencyChanged.put(agencyId, at);
  }

  synchronized Instant agencyChangedAt(final String agencyId) {
    return agencyChanged.get(agencyId);
  }

  /**
   * The parts of {@code p}'s cut are all there: the version's figures are summed once and the parts
   * dropped.
   */
  private void tryComplete(final Publication p) {
    if (p.isImported()) {
      pendingParts.remove(p.key());
      return;
    }
    final Map<String, PublishedPart> parts = pendingParts.get(p.key());
    if (parts == null) {
      return;
    }
    final List<PublishedPart> ofCut =
        parts.values().stream().filter(x -> p.cutId().equals(x.cutId())).toList();
    if (ofCut.size() < p.parts()) {
      return;
    }
    Map<String, Long> own = Map.of();
    final Map<String, Long> all = new HashMap<>();
    final Map<String, PublicationCut.Member> members = new LinkedHashMap<>();
    for (PublishedPart part : ofCut) {
      if (part.own() != null) {
        own = part.own();
      }
      PublishedCells.addTo(all, part.cells());
      part.members().forEach(m -> members.put(m.agencyId(), m));
    }
    all.values().removeIf(v -> v == 0L);
    versions
        .get(p.agencyId() + "|" + p.year())
        .put(
            p.version(),
            new Version(p, Map.copyOf(own), Map.copyOf(all), Collections.unmodifiableMap(members)));
    pendingParts.remove(p.key());
  }

  private Version version(final String agencyId, final int year, final int version) {
    final TreeMap<Integer, Version> byVersion = versions.get(agencyId + "|" + year);
    return byVersion == null ? null : byVersion.get(version);
  }

  /**
   * Every version recorded for the agency's year, oldest first (also those still being assembled).
   */
  synchronized List<Publication> list(final String agencyId, final int year) {
    final TreeMap<Integer, Version> byVersion = versions.get(agencyId + "|" + year);
    return byVersion == null
        ? List.of()
        : byVersion.values().stream().map(Version::publication).toList();
  }

  /**
   * A version with its figures: {@code version} null for the published one (the latest not
   * withdrawn). Empty when there is none, or while its figures are still being assembled (a
   * fraction of a second after the call).
   */
  synchronized Optional<Version> get(final String agencyId, final int year, final Integer version) {
    final TreeMap<Integer, Version> byVersion = versions.get(agencyId + "|" + year);
    if (byVersion == null) {
      return Optional.empty();
    }
    if (version != null) {
      final Version v = byVersion.get(version);
      return v != null && v.complete() ? Optional.of(v) : Optional.empty();
    }
    for (Version v : byVersion.descendingMap().values()) {
      if (!v.publication().withdrawn()) {
        return v.complete() ? Optional.of(v) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The corrections of a version: those written against its own cut and against every later
   * version's (a later version's cut is after this one's, so what changed after it changed after
   * this one too).
   */
  synchronized List<CorrectionEntry> corrections(final Publication p) {
    final List<CorrectionEntry> out = new ArrayList<>();
    for (CorrectionEntry c : corrections.getOrDefault(p.agencyId() + "|" + p.year(), List.of())) {
      if (c.version() > p.version() || c.version() == p.version() && c.cutId().equals(p.cutId())) {
        out.add(c);
      }
    }
    return out;
  }
}
