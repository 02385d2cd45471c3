package foi.tracker.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a desk writes over HTTP (an application and its steps, single or in batches), kept in step
 * with the oracle.
 */
final class Desk {
  private final BenchRun b;

  Desk(final BenchRun b) {
    this.b = b;
  }

  /**
   * One desk's cycle: an application and three handling steps; returns the calls as {url, body}.
   */
  List<String[]> cycle(final String base, final String agency, final String requestId) {
    final String apps = base + "/api/v1/agencies/" + agency + "/requests";
    final String d = b.today.toString();
    final List<String[]> calls = new ArrayList<>(4);
    calls.add(
        new String[] {
          apps,
          "{\"requestId\":\""
              + requestId
              + "\",\"applicantType\":\"NATURAL_PERSON\","
              + "\"receivedDate\":\""
              + d
              + "\",\"channel\":\"ONLINE\",\"subject\":\"压测申请 "
              + requestId
              + "\"}"
        });
    calls.add(
        new String[] {
          apps + "/" + requestId + "/events",
          "{\"eventId\":\"e1\",\"type\":\"FEE_NOTICE_ISSUED\"," + "\"date\":\"" + d + "\"}"
        });
    calls.add(
        new String[] {
          apps + "/" + requestId + "/events",
          "{\"eventId\":\"e2\",\"type\":\"FEE_PAID\"," + "\"date\":\"" + d + "\"}"
        });
    calls.add(
        new String[] {
          apps + "/" + requestId + "/events",
          "{\"eventId\":\"e3\",\"type\":\"DECIDED\","
              + "\"date\":\""
              + d
              + "\",\"outcome\":\"DISCLOSED\"}"
        });
    return calls;
  }

  /**
   * A batch body of {@code agencyOf.length} cycles (application + 3 events each) to the towns, the
   * request ids {@code prefix + id + "-" + (n + k)}; fills in each cycle's agency and request id
   * for {@link #trackBatch}.
   */
  String batchBody(
      final List<Integer> towns,
      final int id,
      final int n,
      final String prefix,
      final int[] agencyOf,
      final String[] requestOf) {
    final StringBuilder body = new StringBuilder(agencyOf.length * 640).append("{\"items\":[");
    for (int k = 0; k < agencyOf.length; k++) {
      final int agencyIdx = towns.get((id * 7 + n + k) % towns.size());
      final String requestId = prefix + id + "-" + (n + k);
      agencyOf[k] = agencyIdx;
      requestOf[k] = requestId;
      final String agency = b.tree.id(agencyIdx);
      int step = 0;
      for (String[] c : cycle(b.ingestUrl, agency, requestId)) {
        body.append(k == 0 && step == 0 ? "" : ",")
            .append("{\"agencyId\":\"")
            .append(agency)
            .append("\",");
        if (step++ == 0) {
          body.append("\"application\":");
        } else {
          body.append("\"requestId\":\"").append(requestId).append("\",\"event\":");
        }
        body.append(c[1]).append('}');
      }
    }
    return body.append("]}").toString();
  }

  /**
   * Keeps the oracle in step with a batch's item answers; returns how many were written (201/202)
   * and hands each refused item's answer to {@code refused}.
   */
  int trackBatch(
      final Http.Response r,
      final int[] agencyOf,
      final String[] requestOf,
      final java.util.function.Consumer<String> refused)
      throws IOException {
    if (r.statusCode() != 200) {
      b.uncertainWrites.addAndGet(agencyOf.length * 4L);
      return 0;
    }
    final com.fasterxml.jackson.databind.JsonNode answers =
        foi.tracker.core.json.Json.MAPPER.readTree(r.body()).get("items");
    int ok = 0;
    for (int i = 0; i < answers.size(); i++) {
      final com.fasterxml.jackson.databind.JsonNode a = answers.get(i);
      final int status = a.get("status").asInt();
      track(
          agencyOf[i / 4],
          requestOf[i / 4],
          i % 4,
          new Http.Response(status, a.get("body").toString()));
      if (status == 201 || status == 202) {
        ok++;
      } else {
        refused.accept(a.toString());
      }
    }
    return ok;
  }

  /**
   * Keeps the oracle in step with what was written over HTTP: step 0 = the application, 3 =
   * DECIDED.
   */
  void track(final int agency, final String requestId, final int step, final Http.Response r) {
    if (step == 0 && r.statusCode() == 201) {
      b.year.ingested(agency, requestId, b.today);
    } else if (step == 3 && r.statusCode() == 202 && !r.body().contains("\"accepted\":false")) {
      b.year.decided(agency, requestId, b.today);
    } else if (r.statusCode() / 100 != 2) {
      b.uncertainWrites.incrementAndGet();
    }
  }

  String application(final String requestId, final String applicantType) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"applicantType\":\""
        + applicantType
        + "\",\"receivedDate\":\""
        + b.today
        + "\",\"channel\":\"ONLINE\"}";
  }

  /** What one saturation client does once; returns its next sequence number {@code n}. */
  interface ClientStep {
    int run(int client, int n) throws Exception;
  }

  /**
   * {@code threads} clients repeating {@code step} until {@code end}; the first exception is kept.
   */
  static void clients(
      final int threads,
      final String name,
      final long end,
      final AtomicReference<String> firstFailure,
      final ClientStep step)
      throws InterruptedException {
    final Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      final int id = t;
      workers[t] =
          new Thread(
              () -> {
                int n = 0;
                try {
                  while (System.nanoTime() < end) {
                    n = step.run(id, n);
                  }
                } catch (Exception e) {
                  firstFailure.compareAndSet(null, e.toString());
                }
              },
              name + "-" + t);
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
  }
}
