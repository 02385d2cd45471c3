package foi.tracker.processor;

/**
 * The live commit requests of one processor's tasks, paced together: at most one per live interval per stream
 * thread ({@link CommitPacing#live}). Each task's pacer tick runs at its own phase, and a commit requested by one task
 * commits every task of its thread (exactly-once v2: one producer, one transaction per thread). Paced per task, six
 * tasks asked for up to 60 commits a second, and at ~20 ms a commit on 2 shared cores the processor fell seconds
 * behind (freshness p95 3.8 s in bench run {@code small-s13-fresh-on-1}).
 */
final class CommitPacer {
  private final long liveMs;
  private final ThreadLocal<long[]> lastRequestMs = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE / 2});

  CommitPacer(final CommitPacing pacing) {
    this.liveMs = pacing.live().toMillis();
  }

  /** True (and noted) if this thread's last request is at least a live interval old. */
  boolean mayRequestCommit(final long nowMs) {
    final long[] last = lastRequestMs.get();
    if (nowMs - last[0] < liveMs) {
      return false;
    }
    last[0] = nowMs;
    return true;
  }
}
