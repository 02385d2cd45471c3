package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.report.Table3ReadBack;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A dashboard rebuilds its views from Kafka alone: after a data set is processed, every answer
 * (tables in every format, report drafts, compliance, deadlines, request details, exports, alerts)
 * is read; the dashboard is closed and a new one started on the same broker; once ready, every
 * answer is byte for byte the same (workbooks: cell values).
 */
@Tag("integration")
class DashboardRestartIT {
  /**
   * A live download's heading names the minute it was made; the rest must be the same after a
   * restart.
   */
  private static final String AS_OF = "截至 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}";

  private static final Map<String, String> TREE = new LinkedHashMap<>();

  static {
    TREE.put("shi", null);
    TREE.put("qu-1", "shi");
    TREE.put("zhen-1", "qu-1");
    TREE.put("zhen-2", "qu-1");
  }

  @Test
  void shouldGiveTheSameAnswersWhenANewDashboardRebuildsFromKafka() throws Exception {
    try (DashboardStack stack = DashboardStack.start()) {
      TREE.forEach((id, parent) -> stack.putAgency(id, "机关 " + id, parent));
      final String token = stack.issueToken("qu-1");
      final LocalDate today = LocalDate.now(RequestRules.CHINA);
      final LifecycleGenerator gen = new LifecycleGenerator(99L, LocalDate.of(2024, 1, 1), today);
      final List<GeneratedRequest> generated = new ArrayList<>();
      final List<RequestEvent> events = new ArrayList<>();
      final List<String> agencies = List.copyOf(TREE.keySet());
      for (int i = 0; i < 160; i++) {
        final GeneratedRequest r = gen.next(agencies.get(i % agencies.size()), "q" + i);
        generated.add(r);
        events.addAll(r.events());
      }
      stack.send(events);
      stack.awaitViewsEqualRecount("shi", generated, today);
      final List<String> paths = paths(today, generated);
      final Map<String, byte[]> before = answers(stack, paths, token);
      stack.restartDashboard();
      final Map<String, byte[]> after = answers(stack, paths, token);
      for (String p : paths) {
        if (p.contains("format=xlsx")) {
          assertEquals(
              Table3ReadBack.xlsxValues(before.get(p)).toString().replaceAll(AS_OF, ""),
              Table3ReadBack.xlsxValues(after.get(p)).toString().replaceAll(AS_OF, ""),
              p);
        } else {
          final String b =
              new String(before.get(p), java.nio.charset.StandardCharsets.UTF_8)
                  .replaceAll(AS_OF, "");
          final String a =
              new String(after.get(p), java.nio.charset.StandardCharsets.UTF_8)
                  .replaceAll(AS_OF, "");
          assertEquals(b, a, p);
        }
      }
    }
  }

  private static List<String> paths(final LocalDate today, final List<GeneratedRequest> generated) {
    final List<String> out = new ArrayList<>();
    out.add("/api/v1/agencies");
    for (String a : TREE.keySet()) {
      for (String scope : List.of("agency", "subtree")) {
        for (int y = 2024; y <= today.getYear(); y++) {
          final String r = "/api/v1/agencies/" + a + "/reports/" + y;
          for (String f : List.of("json", "html", "csv", "xlsx")) {
            out.add(r + "/table3?scope=" + scope + "&format=" + f);
          }
          out.add(r + "/table4?scope=" + scope);
          out.add(r + "?scope=" + scope);
          out.add("/api/v1/agencies/" + a + "/compliance/" + y + "?scope=" + scope);
          out.add("/api/v1/agencies/" + a + "/requests?format=csv&year=" + y + "&scope=" + scope);
        }
        out.add("/api/v1/agencies/" + a + "/deadlines?scope=" + scope);
        out.add("/api/v1/agencies/" + a + "/alerts/recent?scope=" + scope);
        out.add("/api/v1/agencies/" + a + "/requests?format=json&scope=" + scope);
      }
    }
    for (GeneratedRequest g : generated.subList(0, 40)) {
      out.add("/api/v1/agencies/" + g.agencyId() + "/requests/" + g.requestId());
    }
    return out;
  }

  private static Map<String, byte[]> answers(
      final DashboardStack stack, final List<String> paths, final String deskToken) {
    final Map<String, byte[]> out = new LinkedHashMap<>();
    for (String p : paths) {
      final DashboardStack.Resp r = stack.get(p, DashboardStack.ADMIN);
      assertEquals(200, r.status(), p + " " + r);
      out.put(p, r.bytes());
    }
    // a desk token's view, too
    final String p = "/api/v1/agencies/qu-1/deadlines?scope=subtree";
    out.put("desk " + p, stack.get(p, deskToken).bytes());
    return out;
  }
}
