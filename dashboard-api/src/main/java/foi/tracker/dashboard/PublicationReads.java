package foi.tracker.dashboard;

import foi.tracker.core.agency.Agency;
import foi.tracker.core.publication.CorrectionEntry;
import foi.tracker.core.publication.Publication;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.request.RequestRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The versions of a year's report (年报发布) and what changed the published figures since the latest
 * one.
 */
final class PublicationReads {
  private final ReadContext ctx;
  private final DashboardViews views;
  private final TableFigures figures;

  PublicationReads(final ReadContext ctx, final DashboardViews views, final TableFigures figures) {
    this.ctx = ctx;
    this.views = views;
    this.figures = figures;
  }

  /** GET .../reports/{year}/publications: every version, oldest first. */
  Answer publications(final String agencyId, final String yearText) {
    return ReadContext.guard(
        () -> {
          ctx.agency(agencyId);
          final int year = ctx.year(yearText);
          final List<PublicationItem> list = new ArrayList<>();
          for (Publication p : views.publications().list(agencyId, year)) {
            list.add(
                new PublicationItem(
                    p.version(),
                    p.publishedDate(),
                    p.reason(),
                    p.isImported(),
                    p.withdrawn(),
                    p.withdrawnReason(),
                    views.publications().get(agencyId, year, p.version()).isPresent()));
          }
          return Answer.jsonWithNulls(new PublicationList(agencyId, year, list));
        });
  }

  /**
   * GET .../reports/{year}/corrections?scope=: what changed the published figures since the latest
   * publication.
   */
  Answer corrections(
      final String authorization,
      final String agencyId,
      final String yearText,
      final String scope) {
    return corrections(authorization, agencyId, yearText, scope, null, null);
  }

  /**
   * ... with {@code limit} (default 500, at most 5,000) and {@code cursor} (api.md "Lists at
   * national scope"): the page's {@code events}, {@code total} (= {@code eventCount}) and {@code
   * nextCursor} (null on the last page).
   */
  Answer corrections(
      final String authorization,
      final String agencyId,
      final String yearText,
      final String scope,
      final String limitText,
      final String cursor) {
    return ReadContext.guard(
        () -> {
          ctx.agency(agencyId);
          final int year = ctx.year(yearText);
          final boolean subtree = ReadContext.subtree(scope);
          final int limit = Paging.limit(limitText);
          final int from = Paging.offset('c', cursor);
          final PublicationViews.Version v =
              views
                  .publications()
                  .get(agencyId, year, null)
                  .orElseThrow(() -> TableFigures.notPublished(agencyId, year));
          final Publication p = v.publication();
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("agencyId", agencyId);
          out.put("year", year);
          out.put("scope", subtree ? "subtree" : "agency");
          out.put("version", p.version());
          final TableFigures.Figures live = figures.figures(agencyId, year, subtree, null);
          out.put("cells", figures.changedSince(agencyId, year, subtree, live, true, true));
          final List<CorrectionEvent> events = new ArrayList<>();
          for (CorrectionEntry c : views.publications().corrections(p)) {
            if (!subtree && !c.agencyId().equals(agencyId)) {
              continue;
            }
            events.add(
                new CorrectionEvent(c.agencyId(), c.requestId(), c.eventId(), c.type(), c.date()));
          }
          if (subtree && !p.isImported()) {
            events.addAll(treeChanges(agencyId, v));
          }
          out.put("eventCount", events.size());
          out.put("total", events.size());
          if (from > events.size()) {
            throw Paging.badCursor();
          }
          final int to = Math.min(events.size(), from + limit);
          if (ctx.mayRead(authorization, agencyId)) {
            out.put("events", events.subList(from, to));
            out.put(
                "nextCursor", to < events.size() ? Paging.cursor('c', Integer.toString(to)) : null);
          } else {
            out.put("nextCursor", null); // nothing is listed without a token
          }
          return Answer.jsonWithNulls(out);
        });
  }

  /**
   * The changes of the agency tree since the cut that changed the subtree table or its names: an
   * agency of the cut renamed or moved out, or one moved in.
   */
  private List<CorrectionEvent> treeChanges(
      final String agencyId, final PublicationViews.Version v) {
    final List<CorrectionEvent> out = new ArrayList<>();
    final Set<String> now = views.scope(agencyId, true);
    final java.time.Instant cutAt = v.publication().recordedAt();
    for (PublicationCut.Member m : v.members().values()) {
      final Optional<Agency> a = views.agency(m.agencyId());
      if (a.isEmpty()) {
        continue;
      }
      if (!now.contains(m.agencyId())
          || !java.util.Objects.equals(a.get().parentId(), m.parentId())) {
        out.add(treeChange(m.agencyId(), "AGENCY_MOVED"));
      } else if (!a.get().name().equals(m.name())) {
        out.add(treeChange(m.agencyId(), "AGENCY_RENAMED"));
      }
    }
    for (String id : now) {
      if (!v.members().containsKey(id)) {
        final java.time.Instant at = views.publications().agencyChangedAt(id);
        if (at == null || cutAt == null || at.isAfter(cutAt)) {
          out.add(treeChange(id, "AGENCY_MOVED"));
        }
      }
    }
    return out;
  }

  private CorrectionEvent treeChange(final String agencyId, final String type) {
    final java.time.Instant at = views.publications().agencyChangedAt(agencyId);
    return new CorrectionEvent(
        agencyId,
        null,
        null,
        type,
        at == null ? null : LocalDate.ofInstant(at, RequestRules.CHINA));
  }

  /** Every version of a year's report, oldest first. */
  record PublicationList(String agencyId, int year, List<PublicationItem> publications) {}

  /** A version in the list of a year's publications. */
  record PublicationItem(
      int version,
      LocalDate publishedDate,
      String reason,
      boolean imported,
      boolean withdrawn,
      String withdrawnReason,
      boolean ready) {}

  /**
   * What changed the published figures: a recorded correction, or a change of the agency tree (no
   * request, no step; its date the day it was recorded).
   */
  record CorrectionEvent(
      String agencyId, String requestId, String eventId, String type, LocalDate date) {}
}
