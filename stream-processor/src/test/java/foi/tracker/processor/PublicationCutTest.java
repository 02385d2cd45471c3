package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.event.Voided;
import foi.tracker.core.publication.CorrectionEntry;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.publication.PublishedPart;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.topic.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publication cut (发布截点) in the processor: what is frozen at the marker, and the corrections
 * after it.
 */
class PublicationCutTest {
  private static final String NP = "NATURAL_PERSON";
  private TopologyHarness h;
  private TestOutputTopic<String, PublishedPart> parts;
  private TestOutputTopic<String, CorrectionEntry> corrections;

  @BeforeEach
  void start() throws Exception {
    h = new TopologyHarness(Instant.parse("2026-02-10T02:00:00Z"));
    parts =
        h.driver.createOutputTopic(
            Topics.PUBLISHED_PARTS.name(),
            Serdes.String().deserializer(),
            Topics.PUBLISHED_PARTS.valueSerde().deserializer());
    corrections =
        h.driver.createOutputTopic(
            Topics.CORRECTIONS.name(),
            Serdes.String().deserializer(),
            Topics.CORRECTIONS.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static PublicationCut cut(
      final int version, final String cutId, final String... members) {
    return new PublicationCut(
        "county",
        2025,
        version,
        cutId,
        0,
        java.util.Arrays.stream(members)
            .map(m -> new PublicationCut.Member(m, m + "名称", m.equals("county") ? null : "county"))
            .toList());
  }

  @Test
  void shouldFreezeEachListedAgencyAsItStandsAtTheMarkerAndNothingAfter() {
    h.send(Ev.received("county", "c1", "2025-03-01", NP));
    h.send(Ev.decided("county", "c1", "d", "2025-03-20", "DISCLOSED"));
    h.send(Ev.received("town", "t1", "2025-11-03", NP));
    h.send(Ev.received("town", "t0", "2024-12-02", NP));
    h.sendCut(cut(1, "cut-1", "county", "town", "quiet"));
    h.send(Ev.decided("town", "t1", "d", "2025-12-20", "DISCLOSED"));
    h.send(Ev.received("town", "t2", "2025-12-22", NP));
    h.flush();

    final List<PublishedPart> frozen = parts.readValuesToList();
    assertEquals(1, frozen.size(), "one part per marker, not per agency");
    final PublishedPart part = frozen.get(0);
    final Table3 subtree = Table3Builder.build("county", "subtree", 2025, part.cells());
    assertEquals(2, subtree.cell("NEW", NP), "c1 and t1 received before the cut; t2 after");
    assertEquals(
        1, subtree.cell("CARRIED_OVER_IN", NP), "t0 from 2024, projected into the year before");
    assertEquals(1, subtree.cell("DECIDED_TOTAL", NP), "c1; t1's decision came after the cut");
    assertEquals(2, subtree.cell("CARRIED_OVER_OUT", NP));
    assertTrue(subtree.balanced());
    final Table3 county = Table3Builder.build("county", "agency", 2025, part.own());
    assertEquals(1, county.cell("DISCLOSED", NP));
    assertEquals(1, county.cell("NEW", NP), "the publisher's own cells apart");
    assertEquals(
        List.of("county", "town", "quiet"),
        part.members().stream().map(PublicationCut.Member::agencyId).toList());
    assertEquals("town名称", part.members().get(1).name());
    assertEquals("cut-1", part.cutId());
  }

  @Test
  void shouldListTheEventsAfterTheCutThatMoveAFrozenFigureOfThatYearOnly() {
    h.send(Ev.received("town", "t1", "2025-11-03", NP));
    h.send(Ev.received("other", "o1", "2025-11-03", NP));
    h.sendCut(cut(1, "cut-1", "county", "town"));
    h.send(Ev.decided("town", "t1", "late", "2025-12-20", "DISCLOSED"));
    h.send(Ev.received("town", "t2", "2026-01-05", NP));
    h.send(Ev.received("other", "o2", "2025-12-05", NP));
    h.flush();

    final List<CorrectionEntry> after = corrections.readValuesToList();
    assertEquals(
        1,
        after.size(),
        "t2 is of 2026 and o2 of an agency outside the published subtree: " + after);
    final CorrectionEntry c = after.get(0);
    assertEquals("county", c.publisherId());
    assertEquals(2025, c.year());
    assertEquals(1, c.version());
    assertEquals("town", c.agencyId());
    assertEquals("t1", c.requestId());
    assertEquals("late", c.eventId());
    assertEquals("DECIDED", c.type());
  }

  @Test
  void shouldRecordCorrectionsAgainstTheLatestVersionAfterARepublication() {
    h.send(Ev.received("town", "t1", "2025-11-03", NP));
    h.sendCut(cut(1, "cut-1", "county", "town"));
    h.send(Ev.decided("town", "t1", "d1", "2025-12-20", "DISCLOSED"));
    h.sendCut(cut(2, "cut-2", "county", "town"));
    h.send(Ev.amendOutcome("town", "t1", "m1", "2026-02-01", "UNAVAILABLE_NOT_HELD"));
    h.flush();

    final List<CorrectionEntry> after = corrections.readValuesToList();
    assertEquals(List.of(1, 2), after.stream().map(CorrectionEntry::version).toList());
    assertEquals(List.of("cut-1", "cut-2"), after.stream().map(CorrectionEntry::cutId).toList());
    final List<PublishedPart> frozen = parts.readValuesToList();
    final PublishedPart v2 =
        frozen.stream().filter(p -> p.version() == 2).findFirst().orElseThrow();
    assertEquals(
        1, Table3Builder.build("county", "subtree", 2025, v2.cells()).cell("DISCLOSED", NP));
  }

  @Test
  void shouldIgnoreAnAmendmentThatMovesNoFigureOfThePublishedYear() {
    h.send(Ev.received("town", "t1", "2023-05-03", NP));
    h.send(Ev.decided("town", "t1", "d1", "2023-05-20", "DISCLOSED"));
    h.sendCut(cut(1, "cut-1", "county", "town"));
    h.send(Ev.amendType("town", "t1", "m1", "2026-02-01", "COMMERCIAL_ENTERPRISE"));
    h.flush();
    assertEquals(
        List.of(),
        corrections.readValuesToList(),
        "received and decided in 2023: 二 and 四 of 2025 do not move");
  }

  @Test
  void shouldRefuseADesksVoidOfARequestCountedInAPublishedYearAndTakeTheAdmins() {
    h.send(Ev.received("town", "t1", "2025-11-03", NP));
    h.send(Ev.received("town", "t2", "2026-01-05", NP));
    h.sendCut(cut(1, "cut-1", "county", "town"));
    final Instant at = Instant.parse("2026-02-09T02:00:00Z");
    h.send(new Voided("v1", "town", "t1", java.time.LocalDate.of(2026, 2, 9), at, "重复登记", true));
    h.send(new Voided("v1", "town", "t2", java.time.LocalDate.of(2026, 2, 9), at, "重复登记", true));
    h.flush();
    assertEquals(1, h.rejected.size(), h.rejected.toString());
    assertTrue(h.rejected.get(0).reason().contains("2025年度年报已发布"), h.rejected.get(0).reason());
    assertTrue(h.request("town", "t2").isVoided(), "2026 is not published: the desk may void");
    h.send(new Voided("v2", "town", "t1", java.time.LocalDate.of(2026, 2, 9), at, "重复登记", false));
    h.flush();
    assertTrue(h.request("town", "t1").isVoided(), "the admin may");
    assertEquals(
        1,
        corrections.readValuesToList().stream().filter(c -> c.eventId().equals("v2")).count(),
        "and the void is a correction of the published year");
  }
}
