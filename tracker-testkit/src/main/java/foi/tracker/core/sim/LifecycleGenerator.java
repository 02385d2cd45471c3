package foi.tracker.core.sim;

import foi.tracker.core.event.Amended;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.ConsultationEnded;
import foi.tracker.core.event.ConsultationParty;
import foi.tracker.core.event.ConsultationStarted;
import foi.tracker.core.event.CorrectionReceived;
import foi.tracker.core.event.CorrectionRequested;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.ExtensionGranted;
import foi.tracker.core.event.FeeNoticeIssued;
import foi.tracker.core.event.FeePaid;
import foi.tracker.core.event.LitigationConcluded;
import foi.tracker.core.event.LitigationFiled;
import foi.tracker.core.event.ReopenReason;
import foi.tracker.core.event.Reopened;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.event.ReviewConcluded;
import foi.tracker.core.event.ReviewFiled;
import foi.tracker.core.event.Voided;
import foi.tracker.core.event.Withdrawn;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates realistic request lifecycles between two dates, with a realistic mix of applicant types
 * and outcomes, 补正, consultations, fees, extensions, withdrawals, amendments, appeals, re-sent
 * duplicates and illegal events. The expected final facts are known by construction (see {@link
 * GeneratedRequest}); {@link Recount} turns them into tables with no code shared with the stream
 * processor.
 */
public final class LifecycleGenerator {
  private static final Taxonomy TAXONOMY = Taxonomy.get();

  /** Weights of the six applicant types: mostly natural persons, as in the published reports. */
  private static final int[] TYPE_WEIGHTS = {80, 10, 1, 2, 4, 3};

  private final Random rnd;
  private final LocalDate from;
  private final LocalDate today;

  /**
   * Also the corrections of version 2 (see {@link #withCorrections}); off: the first version's
   * lifecycles exactly.
   */
  private final boolean corrections;

  private int eventSeq;

  public LifecycleGenerator(final long seed, final LocalDate from, final LocalDate today) {
    this(seed, from, today, false);
  }

  private LifecycleGenerator(
      final long seed, final LocalDate from, final LocalDate today, final boolean corrections) {
    this.rnd = new Random(seed);
    this.from = from;
    this.today = today;
    this.corrections = corrections;
  }

  /**
   * A generator that also makes the corrections of version 2: decision dates amended (across year
   * ends), decisions undone as entry errors and answered again, re-answers ordered by a case, cases
   * concluded in a later year and their conclusion dates amended, voided registrations (by a desk
   * or the admin) and fees with amounts. The same seed without corrections gives exactly the
   * lifecycles of {@link #LifecycleGenerator(long, LocalDate, LocalDate)}.
   */
  public static LifecycleGenerator withCorrections(
      final long seed, final LocalDate from, final LocalDate today) {
    return new LifecycleGenerator(seed, from, today, true);
  }

  public GeneratedRequest next(final String agencyId, final String requestId) {
    final List<RequestEvent> events = new ArrayList<>();
    final List<GeneratedRequest.Case> cases = new ArrayList<>();
    final List<String> caseIdOf = new ArrayList<>();
    int illegal = 0;
    int duplicates = 0;
    final java.util.Map<Integer, Long> fees = new java.util.HashMap<>();
    String type = pickType();
    LocalDate received =
        from.plusDays(rnd.nextInt((int) (today.toEpochDay() - from.toEpochDay()) + 1));
    events.add(
        new ApplicationReceived(
            id(),
            agencyId,
            requestId,
            received,
            at(received),
            type,
            Channel.values()[rnd.nextInt(Channel.values().length)],
            "申请公开信息 " + requestId,
            null));
    LocalDate last = received;
    String outcome = null;
    LocalDate decided = null;
    boolean open = true;
    boolean correctionPending = false;
    boolean lateNotice = false;
    if (rnd.nextInt(100) < 12) {
      // with corrections, now and then a 补正 notice sent after the due date: recorded, pausing
      // nothing
      lateNotice = corrections && rnd.nextInt(100) < 15;
      last = last.plusDays(lateNotice ? 45 + rnd.nextInt(10) : 1 + rnd.nextInt(5));
      if (!last.isAfter(today)) {
        events.add(
            new CorrectionRequested(id(), agencyId, requestId, last, at(last), last.plusDays(15)));
        correctionPending = true;
        final LocalDate back = last.plusDays(1 + rnd.nextInt(12));
        if (rnd.nextInt(100) < 75 && !back.isAfter(today)) {
          events.add(new CorrectionReceived(id(), agencyId, requestId, back, at(back)));
          correctionPending = false;
          last = back;
        } else if (!back.isAfter(today)) {
          events.add(
              new Decided(id(), agencyId, requestId, back, at(back), "OTHER_NO_CORRECTION", null));
          outcome = "OTHER_NO_CORRECTION";
          decided = back;
          open = false;
        }
      }
    }
    // (after a late notice the due date has passed: an extension then would be refused)
    if (open && !correctionPending && !lateNotice && rnd.nextInt(100) < 8) {
      final LocalDate d = last.plusDays(1 + rnd.nextInt(10));
      if (!d.isAfter(today)) {
        events.add(new ExtensionGranted(id(), agencyId, requestId, d, at(d), 1 + rnd.nextInt(20)));
        last = d;
      }
    }
    if (open && !correctionPending && rnd.nextInt(100) < 8) {
      final LocalDate start = last.plusDays(1 + rnd.nextInt(5));
      if (!start.isAfter(today)) {
        events.add(
            new ConsultationStarted(
                id(),
                agencyId,
                requestId,
                start,
                at(start),
                rnd.nextBoolean()
                    ? ConsultationParty.THIRD_PARTY
                    : ConsultationParty.OTHER_AGENCY));
        last = start;
        final LocalDate end = start.plusDays(1 + rnd.nextInt(20));
        if (!end.isAfter(today)) {
          events.add(new ConsultationEnded(id(), agencyId, requestId, end, at(end)));
          last = end;
        } else {
          correctionPending = true; // still paused: no decision below
        }
      }
    }
    if (open && !correctionPending && rnd.nextInt(100) < 4) {
      final LocalDate notice = last.plusDays(1 + rnd.nextInt(3));
      if (!notice.isAfter(today)) {
        events.add(new FeeNoticeIssued(id(), agencyId, requestId, notice, at(notice)));
        last = notice;
        final LocalDate paid = notice.plusDays(1 + rnd.nextInt(10));
        if (rnd.nextInt(100) < 80 && !paid.isAfter(today)) {
          final Long fen = corrections ? 100L * rnd.nextInt(500) + rnd.nextInt(100) : null;
          events.add(new FeePaid(id(), agencyId, requestId, paid, at(paid), fen));
          if (fen != null) {
            fees.merge(paid.getYear(), fen, Long::sum);
          }
          last = paid;
        } else if (!paid.isAfter(today)) {
          events.add(
              new Decided(id(), agencyId, requestId, paid, at(paid), "OTHER_FEE_UNPAID", null));
          outcome = "OTHER_FEE_UNPAID";
          decided = paid;
          open = false;
        } else {
          correctionPending = true;
        }
      }
    }
    final LocalDate clockLast = last;
    boolean withdrawn = false;
    if (open && !correctionPending) {
      final LocalDate d = last.plusDays(rnd.nextInt(35));
      if (!d.isAfter(today)) {
        if (rnd.nextInt(100) < 5) {
          events.add(new Withdrawn(id(), agencyId, requestId, d, at(d)));
          outcome = Taxonomy.WITHDRAWN_OUTCOME;
          withdrawn = true;
        } else {
          outcome = pickOutcome();
          // 当场答复 only on the day of receipt (an answer on the spot dated later is refused)
          final boolean onTheSpot = rnd.nextInt(20) == 0 && d.equals(received);
          events.add(new Decided(id(), agencyId, requestId, d, at(d), outcome, onTheSpot));
        }
        decided = d;
        open = false;
        last = d;
      }
    }
    if (rnd.nextInt(100) < 8) {
      final String newType = pickType();
      final LocalDate d = today.minusDays(rnd.nextInt(3));
      if (!newType.equals(type) && !d.isBefore(received)) {
        events.add(new Amended(id(), agencyId, requestId, d, at(d), newType, null, null, null));
        type = newType;
      }
    }
    if (rnd.nextInt(100) < 5) {
      final LocalDate newReceived = received.minusDays(1 + rnd.nextInt(10));
      if (!newReceived.isBefore(from.minusDays(30))) {
        events.add(
            new Amended(
                id(), agencyId, requestId, today, at(today), null, newReceived, null, null));
        received = newReceived;
      }
    }
    if (!open && rnd.nextInt(100) < 6) {
      final String newOutcome = pickOutcome();
      events.add(
          new Amended(id(), agencyId, requestId, today, at(today), null, null, null, newOutcome));
      outcome = newOutcome;
    }
    if (corrections && !open && rnd.nextInt(100) < 8) {
      // the decision's date was mistyped: it moves, possibly into another year (not before a clock
      // step, not future)
      final LocalDate moved = decided.plusDays(rnd.nextInt(400) - 200);
      if (!moved.isBefore(clockLast)
          && !moved.isBefore(received)
          && !moved.isAfter(today)
          && !moved.equals(decided)) {
        events.add(
            new Amended(
                id(), agencyId, requestId, today, at(today), null, null, null, null, moved, null,
                null, null, null, null, null));
        decided = moved;
      }
    }
    if (corrections && !open && rnd.nextInt(100) < 6) {
      // the decision was recorded by mistake: undone, and (mostly) answered again later
      final LocalDate noticed = decided.plusDays(rnd.nextInt(5));
      if (!noticed.isAfter(today)) {
        events.add(
            new Reopened(
                id(),
                agencyId,
                requestId,
                noticed,
                at(noticed),
                ReopenReason.ENTRY_ERROR,
                null,
                null));
        open = true;
        outcome = null;
        decided = null;
        withdrawn = false;
        final LocalDate again = clockLast.plusDays(rnd.nextInt(40));
        if (rnd.nextInt(100) < 80 && !again.isAfter(today)) {
          outcome = pickOutcome();
          events.add(new Decided(id(), agencyId, requestId, again, at(again), outcome, null));
          decided = again;
          open = false;
        }
      }
    }
    if (!open && rnd.nextInt(100) < (corrections ? 10 : 5)) {
      final LocalDate filed = decided.plusDays(1 + rnd.nextInt(60));
      if (!filed.isAfter(today)) {
        final boolean review = rnd.nextBoolean();
        final boolean afterReview = !review && rnd.nextBoolean();
        final String caseId = "C" + id();
        events.add(
            review
                ? new ReviewFiled(id(), agencyId, requestId, filed, at(filed), caseId)
                : new LitigationFiled(
                    id(), agencyId, requestId, filed, at(filed), caseId, afterReview));
        final LocalDate concluded = filed.plusDays(10 + rnd.nextInt(corrections ? 500 : 120));
        AppealResult result = null;
        LocalDate concludedDate = null;
        if (!concluded.isAfter(today) && rnd.nextInt(100) < 70) {
          result = AppealResult.values()[rnd.nextInt(3)];
          concludedDate = concluded;
          events.add(
              review
                  ? new ReviewConcluded(
                      id(), agencyId, requestId, concluded, at(concluded), caseId, result)
                  : new LitigationConcluded(
                      id(), agencyId, requestId, concluded, at(concluded), caseId, result));
        }
        if (corrections && concludedDate != null && rnd.nextInt(100) < 20) {
          // the conclusion date was mistyped: it moves later, often into the next year
          final LocalDate moved = concludedDate.plusDays(1 + rnd.nextInt(200));
          if (!moved.isAfter(today)) {
            events.add(
                new Amended(
                    id(), agencyId, requestId, today, at(today), null, null, null, null, null,
                    caseId, null, moved, null, null, null));
            concludedDate = moved;
          }
        }
        cases.add(
            new GeneratedRequest.Case(
                review ? "REVIEW" : afterReview ? "LITIGATION_AFTER_REVIEW" : "LITIGATION_DIRECT",
                filed,
                concludedDate,
                result));
        caseIdOf.add(caseId);
      }
    }
    if (!open && rnd.nextInt(100) < 4) {
      events.add(new Decided(id(), agencyId, requestId, decided, at(decided), pickOutcome(), null));
      illegal++;
    }
    if (corrections && rnd.nextInt(100) < 4) {
      // an Art. 35 delay recorded long after any due date this request can have (20 working days,
      // an extension of
      // 20, a capped consultation, a fee notice, a fresh period after a 补正: well under 120 days):
      // refused, and if
      // the request was answered by then, refused for that
      final LocalDate late = received.plusDays(120);
      if (!late.isAfter(today)) {
        events.add(new DelaySet(id(), agencyId, requestId, late, at(late), late.plusDays(30)));
        illegal++;
      }
    }
    if (rnd.nextInt(100) < 3) {
      final LocalDate before = received.minusDays(1 + rnd.nextInt(5));
      events.add(
          new ConsultationStarted(
              id(), agencyId, requestId, before, at(before), ConsultationParty.THIRD_PARTY));
      illegal++;
    }
    boolean voided = false;
    if (corrections) {
      // the latest date the steps below must follow: receipt, the decision, the cases' filings and
      // conclusions
      LocalDate lastDate = decided != null && decided.isAfter(received) ? decided : received;
      for (GeneratedRequest.Case c : cases) {
        final LocalDate caseLast = c.concludedDate() != null ? c.concludedDate() : c.filedDate();
        lastDate = caseLast.isAfter(lastDate) ? caseLast : lastDate;
      }
      if (!open && !cases.isEmpty() && !withdrawn && rnd.nextInt(100) < 50) {
        // a review or court ordered a new answer: the original decision stays counted
        final int i = rnd.nextInt(cases.size());
        final GeneratedRequest.Case c = cases.get(i);
        final LocalDate order = lastDate.plusDays(1 + rnd.nextInt(10));
        if (c.result() != AppealResult.UPHELD && !order.isAfter(today)) {
          events.add(
              new Reopened(
                  id(),
                  agencyId,
                  requestId,
                  order,
                  at(order),
                  ReopenReason.REANSWER_ORDERED,
                  caseIdOf.get(i),
                  rnd.nextBoolean() ? null : order.plusDays(10 + rnd.nextInt(30))));
          lastDate = order;
          final LocalDate answer = order.plusDays(rnd.nextInt(40));
          if (rnd.nextInt(100) < 70 && !answer.isAfter(today)) {
            events.add(
                new Decided(id(), agencyId, requestId, answer, at(answer), pickOutcome(), null));
            lastDate = answer;
          }
        }
      }
      if (rnd.nextInt(100) < (open && cases.isEmpty() ? 20 : 3)) {
        // a duplicate or test registration: a desk may void it only while it has no decision and no
        // case
        final LocalDate v = lastDate.plusDays(rnd.nextInt(3));
        if (!v.isAfter(today)) {
          final boolean byDesk = open && cases.isEmpty() && rnd.nextBoolean();
          events.add(new Voided(id(), agencyId, requestId, v, at(v), "重复登记 (generated)", byDesk));
          voided = true;
        }
      }
    }
    if (rnd.nextInt(100) < 10) {
      final RequestEvent original = events.get(rnd.nextInt(events.size()));
      events.add(resend(original));
      duplicates++;
    }
    return new GeneratedRequest(
        agencyId,
        requestId,
        List.copyOf(events),
        type,
        received,
        open ? null : outcome,
        open ? null : decided,
        List.copyOf(cases),
        illegal,
        duplicates,
        voided,
        fees);
  }

  /** An event for a request nobody received: must be rejected as unknown. */
  public RequestEvent orphan(final String agencyId, final String requestId) {
    final LocalDate d = today.minusDays(rnd.nextInt(100));
    return new Decided(id(), agencyId, requestId, d, at(d), "DISCLOSED", null);
  }

  private RequestEvent resend(final RequestEvent e) {
    final Instant later = e.recordedAt().plusSeconds(3600L * (1 + rnd.nextInt(500)));
    final Instant at = later.isAfter(at(today)) ? at(today) : later;
    final com.fasterxml.jackson.databind.node.ObjectNode tree =
        foi.tracker.core.json.Json.MAPPER.valueToTree(e);
    tree.put("recordedAt", at.toString());
    return foi.tracker.core.json.Json.MAPPER.convertValue(tree, RequestEvent.class);
  }

  private String pickType() {
    int r = rnd.nextInt(100);
    for (int i = 0; i < TYPE_WEIGHTS.length; i++) {
      r -= TYPE_WEIGHTS[i];
      if (r < 0) {
        return TAXONOMY.applicantTypes().get(i);
      }
    }
    return TAXONOMY.applicantTypes().get(0);
  }

  private String pickOutcome() {
    final int r = rnd.nextInt(100);
    if (r < 40) {
      return "DISCLOSED";
    } else if (r < 52) {
      return "PARTIALLY_DISCLOSED";
    } else if (r < 72) {
      return "UNAVAILABLE_NOT_HELD";
    }
    return TAXONOMY.outcomes().get(rnd.nextInt(TAXONOMY.outcomes().size()));
  }

  private String id() {
    return "e" + (++eventSeq);
  }

  private static Instant at(final LocalDate date) {
    return date.atTime(10, 0).toInstant(ZoneOffset.ofHours(8));
  }
}
