package foi.tracker.bench;

import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.core.sim.Recount;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * A national year of applications: {@code applications} lifecycles from {@link LifecycleGenerator}
 * (pauses, amendments, re-sent duplicates, illegal events, appeals) received over the 365 days up
 * to {@code today}, spread over the agencies of a {@link Hierarchy} by level (townships 60 %,
 * counties 25 %, cities 10 %, provinces 5 %, uniform within a level). It keeps each request's final
 * facts (without its events) so that {@link Recount} can compute the expected tables of any subtree
 * afterwards.
 */
final class NationalYear {
  private static final int[] LEVEL_SHARE = {0, 5, 10, 25, 60};

  private final Hierarchy tree;
  private final LifecycleGenerator lifecycles;
  private final Random pick;
  private final int applications;
  private int generated;
  private long events;
  private final int[] agencyOf;
  private final GeneratedRequest[] facts;

  NationalYear(
      final Hierarchy tree, final int applications, final long seed, final LocalDate today) {
    this.tree = tree;
    this.applications = applications;
    this.lifecycles = new LifecycleGenerator(seed, today.minusDays(364), today);
    this.pick = new Random(seed ^ 0x5DEECE66DL);
    this.agencyOf = new int[applications];
    this.facts = new GeneratedRequest[applications];
  }

  boolean hasNext() {
    return generated < applications;
  }

  /** The next application with all its events, in the order a desk would send them. */
  GeneratedRequest next() {
    final int agency = pickAgency();
    final int i = generated++;
    final GeneratedRequest r = lifecycles.next(tree.id(agency), "r" + i);
    events += r.events().size();
    agencyOf[i] = agency;
    facts[i] =
        new GeneratedRequest(
            r.agencyId(),
            r.requestId(),
            List.of(),
            r.applicantType(),
            r.receivedDate(),
            r.outcome(),
            r.decidedDate(),
            r.cases(),
            r.illegalEvents(),
            r.duplicateEvents());
    return r;
  }

  long events() {
    return events;
  }

  int generated() {
    return generated;
  }

  private int pickAgency() {
    int r = pick.nextInt(100);
    for (int lv = 1; lv < LEVEL_SHARE.length; lv++) {
      r -= LEVEL_SHARE[lv];
      if (r < 0) {
        return tree.first(lv) + pick.nextInt(tree.count(lv));
      }
    }
    return tree.first(Hierarchy.TOWNSHIP) + pick.nextInt(tree.count(Hierarchy.TOWNSHIP));
  }

  /**
   * The facts of the requests whose agency satisfies {@code agencies} (generated and ingested over
   * HTTP).
   */
  List<GeneratedRequest> factsOf(final IntPredicate agencies) {
    final List<GeneratedRequest> out = new ArrayList<>();
    for (int i = 0; i < generated; i++) {
      if (agencies.test(agencyOf[i])) {
        out.add(facts[i]);
      }
    }
    synchronized (ingested) {
      ingested.forEach(
          (key, v) -> {
            if (agencies.test(v.agency())) {
              out.add(v.facts());
            }
          });
    }
    return out;
  }

  /** An application the bench wrote over HTTP (201): received {@code day}, natural person, open. */
  void ingested(final int agency, final String requestId, final LocalDate day) {
    synchronized (ingested) {
      ingested.put(
          tree.id(agency) + "/" + requestId,
          new Ingested(
              agency,
              new GeneratedRequest(
                  tree.id(agency),
                  requestId,
                  List.of(),
                  "NATURAL_PERSON",
                  day,
                  null,
                  null,
                  List.of(),
                  0,
                  0)));
    }
  }

  /** Its DECIDED (DISCLOSED, {@code day}) was answered 202 and accepted. */
  void decided(final int agency, final String requestId, final LocalDate day) {
    synchronized (ingested) {
      final Ingested i = ingested.get(tree.id(agency) + "/" + requestId);
      final GeneratedRequest r = i.facts();
      ingested.put(
          tree.id(agency) + "/" + requestId,
          new Ingested(
              agency,
              new GeneratedRequest(
                  r.agencyId(),
                  requestId,
                  List.of(),
                  r.applicantType(),
                  r.receivedDate(),
                  "DISCLOSED",
                  day,
                  List.of(),
                  0,
                  0)));
    }
  }

  int ingestedCount() {
    synchronized (ingested) {
      return ingested.size();
    }
  }

  private record Ingested(int agency, GeneratedRequest facts) {}

  private final Map<String, Ingested> ingested = new java.util.HashMap<>();

  /** Expected Table 三 of {@code root} (its subtree when {@code subtree}) for {@code year}. */
  Map<String, long[]> expectedTable3(final int root, final boolean subtree, final int year) {
    return Recount.table3(factsOf(a -> subtree ? tree.isUnder(a, root) : a == root), year);
  }

  /** Expected Table 四 of {@code root}'s subtree (or the agency alone) for {@code year}. */
  Map<String, Long> expectedTable4(final int root, final boolean subtree, final int year) {
    return Recount.table4(factsOf(a -> subtree ? tree.isUnder(a, root) : a == root), year);
  }

  /** The number of applications received by each agency (its own). */
  int[] applicationsPerAgency() {
    final int[] n = new int[tree.size()];
    for (int i = 0; i < generated; i++) {
      n[agencyOf[i]]++;
    }
    return n;
  }

  static String describe(final Map<String, long[]> t) {
    final StringBuilder b = new StringBuilder();
    t.forEach((k, v) -> b.append(k).append('=').append(Arrays.toString(v)).append(' '));
    return b.toString();
  }
}
