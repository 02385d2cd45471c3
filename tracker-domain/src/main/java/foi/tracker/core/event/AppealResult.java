package foi.tracker.core.event;

/** The result of a 行政复议 or 行政诉讼 as Table 四 counts it: 结果维持, 结果纠正, 其他结果. */
public enum AppealResult {
  UPHELD,
  CORRECTED,
  OTHER
}
