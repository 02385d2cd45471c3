package foi.tracker.core.event;

/**
 * Why a closed request is reopened: the decision was entered by mistake, or a review or court
 * ordered a new answer.
 */
public enum ReopenReason {
  /** 录入错误: the decision (or, after a re-answer, the re-answer) is undone. */
  ENTRY_ERROR,
  /** 责令重新答复: a 复议 or 诉讼 case ordered a new answer; the original decision stays counted. */
  REANSWER_ORDERED
}
