package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import foi.tracker.core.api.Reply;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteQuotaTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(5 * SECOND);

  /** 60 events a minute (one a second), burst 10. */
  private final WriteQuota quota = new WriteQuota(new WriteLimits(4, 60, 10), now::get);

  @Test
  void shouldAllowTheBurstThenRefuseWithRetryAfterUntilRefilled() {
    for (int i = 0; i < 10; i++) {
      assertNull(quota.take("t1", "a", 1));
    }
    final Reply refused = quota.take("t1", "a", 1);
    assertEquals(429, refused.status());
    assertEquals("1", refused.headers().get("Retry-After"));
    assertEquals(true, refused.json().contains("\"QUOTA_EXCEEDED\""));
    now.addAndGet(SECOND);
    assertNull(quota.take("t1", "a", 1));
    assertEquals(429, quota.take("t1", "a", 1).status());
  }

  @Test
  void shouldCountEveryItemOfABatchAndRefuseItWhole() {
    assertNull(quota.take("t1", "a", 7));
    final Reply refused = quota.take("t1", "a", 4);
    assertEquals(429, refused.status());
    assertEquals("1", refused.headers().get("Retry-After"));
    assertNull(quota.take("t1", "a", 3)); // the refused batch took nothing
    assertEquals(429, quota.take("t1", "a", 1).status());
  }

  @Test
  void shouldPassACallLargerThanTheBurstOnlyWhenTheBucketIsFull() {
    assertNull(quota.take("t1", "a", 1));
    assertEquals("1", quota.take("t1", "a", 25).headers().get("Retry-After"));
    now.addAndGet(SECOND);
    assertNull(quota.take("t1", "a", 25));
    // 15 events in debt: the next event waits 16 s
    assertEquals("16", quota.take("t1", "a", 1).headers().get("Retry-After"));
  }

  @Test
  void shouldKeepTokensApart() {
    assertNull(quota.take("t1", "a", 10));
    assertNull(quota.take("t2", "a", 10));
    assertEquals(429, quota.take("t1", "a", 1).status());
  }

  @Test
  void shouldAlertOncePerTokenPerHour() {
    assertNull(quota.take("t1", "a", 10));
    quota.take("t1", "a", 5);
    quota.take("t1", "a", 5);
    assertEquals(1, quota.alerts());
    assertEquals(2, quota.refusals());
    assertNull(quota.take("t2", "b", 10));
    quota.take("t2", "b", 5);
    assertEquals(2, quota.alerts());
    now.addAndGet(3_599 * SECOND);
    assertNull(quota.take("t1", "a", 10));
    quota.take("t1", "a", 5);
    assertEquals(2, quota.alerts());
    now.addAndGet(SECOND);
    assertNull(quota.take("t1", "a", 1));
    quota.take("t1", "a", 10);
    assertEquals(3, quota.alerts());
  }
}
