package foi.tracker.core.table;

import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.request.AppealCase;
import foi.tracker.core.request.CountedAnswer;
import foi.tracker.core.request.FeePayment;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.HashMap;
import java.util.Map;

/**
 * What one request counts for, as counter cells; the single place that knows the year rules.
 *
 * <ul>
 *   <li>{@code Y|NEW|type}: received in year Y (row 一 by the year of the receipt date);
 *   <li>{@code Y|outcome|type}: decided in year Y (row 三 by the year of the decision date; 撤回 as
 *       OTHER).
 * </ul>
 *
 * Rows 二 and 四 are not counted per request: 四 of Y = received up to Y − decided up to Y, and 二 of Y
 * = 四 of Y−1 ({@link Table3Builder}). So a request open across any number of year ends counts in
 * 四/二 of each of them with no event at the boundary, and each column balances by construction.
 *
 * <ul>
 *   <li>{@code Y|T4F|GROUP}: a 复议/诉讼 case filed in year Y, per Table 四 group; {@code
 *       Y|T4|GROUP_RESULT}: a case concluded in year Y with that result. 尚未审结 of Y is not counted
 *       per case: it is filed up to the end of Y − concluded up to the end of Y ({@link
 *       Table4Builder}), so a case open across year ends counts as pending in each of them and in
 *       its result column in the year it concluded;
 *   <li>{@code Y|C|…}: compliance of the requests answered in Y (ON_TIME, LATE, WD|n working days
 *       net of pauses), and late 补正 notices by the year of the notice (LATE_CORRECTION);
 *   <li>{@code Y|C|RE_ON_TIME}, {@code Y|C|RE_LATE}: re-answers ordered by a review or court, by
 *       the year answered;
 *   <li>{@code Y|FEE|FEN}: 信息处理费 paid in year Y, in fen ({@link #feeFen});
 *   <li>{@code NOW|status}: open requests by their current deadline status.
 * </ul>
 */
public final class Cells {
  public static final String NOW = CellKey.NOW;

  /** The compliance code prefix of the working days an answer took: {@code Y|C|WD|n}. */
  public static final String WD_PREFIX = "WD|";

  /** Compliance cell: open and OVERDUE on 31 December of the cell's year. */
  public static final String OPEN_OVERDUE = "OPEN_OVERDUE";

  /**
   * The version of these rules. Totals stored under another version were counted by other rules and
   * are recounted from the request states when the processor starts (2: Table 四 by filing and
   * conclusion year).
   */
  public static final String VERSION = "2";

  private Cells() {}

  public static String t3(final int year, final String row, final String applicantType) {
    return CellKey.text(year, row, applicantType);
  }

  public static String t4(final int year, final String code) {
    return CellKey.text(year, CellKey.T4, code);
  }

  /**
   * A 复议/诉讼 case of Table 四 group {@code group} (REVIEW, LITIGATION_DIRECT,
   * LITIGATION_AFTER_REVIEW) filed in Y.
   */
  public static String t4Filed(final int year, final String group) {
    return CellKey.text(year, CellKey.T4_FILED, group);
  }

  /**
   * 信息处理费 paid in year Y ({@code FEE_PAID.amountYuan}), in fen (分), summed per year of the payment
   * date.
   */
  public static String feeFen(final int year) {
    return CellKey.text(year, CellKey.FEE, "FEN");
  }

  public static String compliance(final int year, final String name) {
    return CellKey.text(year, CellKey.COMPLIANCE, name);
  }

  public static String workingDays(final int year, final int days) {
    return CellKey.text(year, CellKey.COMPLIANCE, WD_PREFIX + days);
  }

  public static String now(final DeadlineStatus status) {
    return CellKey.now(status.name());
  }

  /**
   * The cells {@code state} counts in (each +1, fees in fen); empty for null and for a voided
   * registration. Table 三 counts the request's counted answer ({@link
   * RequestState#countedOutcome()}): after an order to answer again, the original decision, not the
   * re-answer.
   */
  public static Map<String, Long> of(final RequestState state) {
    final Map<String, Long> out = new HashMap<>();
    if (state == null || state.isVoided()) {
      return out;
    }
    out.merge(
        t3(state.receivedDate().getYear(), Taxonomy.NEW, state.applicantType()), 1L, Long::sum);
    if (state.countedOutcome() != null) {
      out.merge(
          t3(state.countedDecidedDate().getYear(), state.countedOutcome(), state.applicantType()),
          1L,
          Long::sum);
    }
    for (FeePayment f : state.fees()) {
      if (f.fen() != 0L) {
        out.merge(feeFen(f.date().getYear()), f.fen(), Long::sum);
      }
    }
    for (AppealCase c : state.cases().values()) {
      out.merge(t4Filed(c.filedDate().getYear(), c.table4Group()), 1L, Long::sum);
      if (c.concludedDate() != null && c.result() != null) {
        out.merge(
            t4(c.concludedDate().getYear(), c.table4Group() + "_" + c.result().name()),
            1L,
            Long::sum);
      }
    }
    final Deadline d = state.deadline();
    final CountedAnswer counted = state.counted();
    if (counted != null) {
      // the original answer keeps its place in the compliance figures; the re-answer is counted
      // apart (RE_*)
      final int year = counted.decidedDate().getYear();
      if (counted.lateCorrectionNotice()) {
        state.clock().stream()
            .filter(ce -> "CORRECTION_REQUESTED".equals(ce.type()))
            .findFirst()
            .ifPresent(
                ce -> out.merge(compliance(ce.date().getYear(), "LATE_CORRECTION"), 1L, Long::sum));
      }
      out.merge(compliance(year, counted.late() ? "LATE" : "ON_TIME"), 1L, Long::sum);
      if (counted.workingDaysUsed() != null) {
        out.merge(workingDays(year, counted.workingDaysUsed()), 1L, Long::sum);
      }
    }
    if (d != null) {
      // a receipt before 2019-05-15 has no answer deadline (null status) and counts in no
      // compliance figure
      if (!state.isOpen() && "DECIDED".equals(state.closedBy()) && d.status() != null) {
        final int year = state.decidedDate().getYear();
        final boolean late = d.status() == DeadlineStatus.ANSWERED_LATE;
        if (counted != null) {
          out.merge(compliance(year, late ? "RE_LATE" : "RE_ON_TIME"), 1L, Long::sum);
        } else {
          out.merge(compliance(year, late ? "LATE" : "ON_TIME"), 1L, Long::sum);
          if (d.workingDaysUsed() != null) {
            out.merge(workingDays(year, d.workingDaysUsed()), 1L, Long::sum);
          }
        }
      }
      if (state.isOpen() && d.status() != null) {
        out.merge(now(d.status()), 1L, Long::sum);
      }
      for (int year : d.overdueYearEnds()) {
        out.merge(compliance(year, OPEN_OVERDUE), 1L, Long::sum);
      }
      if (counted == null && d.lateCorrectionNotice()) {
        state.clock().stream()
            .filter(ce -> "CORRECTION_REQUESTED".equals(ce.type()))
            .findFirst()
            .ifPresent(
                ce -> out.merge(compliance(ce.date().getYear(), "LATE_CORRECTION"), 1L, Long::sum));
      }
    }
    return out;
  }

  /** after − before, without zero entries. */
  public static Map<String, Long> delta(final RequestState before, final RequestState after) {
    final Map<String, Long> out = of(after);
    of(before).forEach((k, v) -> out.merge(k, -v, Long::sum));
    out.values().removeIf(v -> v == 0L);
    return out;
  }
}
