package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import foi.tracker.core.event.AppealResult;
import java.time.LocalDate;

/**
 * A 行政复议 (kind REVIEW) or 行政诉讼 (kind LITIGATION, {@code afterReview} for 复议后起诉) about this request.
 * {@code result} and {@code concludedDate} are null while 尚未审结; {@code caseNumber} is the case's
 * own 案号 as written (may be null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppealCase(
    String caseId,
    Kind kind,
    boolean afterReview,
    LocalDate filedDate,
    LocalDate concludedDate,
    AppealResult result,
    String caseNumber) {

  /** A case without its 案号. */
  public AppealCase(
      final String caseId,
      final Kind kind,
      final boolean afterReview,
      final LocalDate filedDate,
      final LocalDate concludedDate,
      final AppealResult result) {
    this(caseId, kind, afterReview, filedDate, concludedDate, result, null);
  }

  /** 行政复议 or 行政诉讼. */
  public enum Kind {
    REVIEW,
    LITIGATION
  }

  /** The Table 四 group code: REVIEW, LITIGATION_DIRECT or LITIGATION_AFTER_REVIEW. */
  public String table4Group() {
    if (kind == Kind.REVIEW) {
      return "REVIEW";
    }
    return afterReview ? "LITIGATION_AFTER_REVIEW" : "LITIGATION_DIRECT";
  }
}
