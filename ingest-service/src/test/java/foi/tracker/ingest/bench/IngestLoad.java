package foi.tracker.ingest.bench;

import foi.tracker.core.config.TrackerConfig;
import foi.tracker.ingest.IngestApp;
import foi.tracker.kafka.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small load run, not a test: N clients (java.net.http, one thread each) post applications and
 * their events for a while; prints events/s (every 201/202 is one event written with acks=all) and
 * p50/p95/p99 latency.
 *
 * <pre>
 * java -cp ... foi.tracker.ingest.bench.IngestLoad [baseUrl adminToken] [-Dthreads=32 -Dseconds=20 -Dwarmup=3]
 * </pre>
 *
 * Without a URL it starts an embedded broker and an IngestApp in this JVM; with one (e.g. the
 * standalone jar's {@code http://127.0.0.1:8080} and its admin token) it loads that server.
 */
public final class IngestLoad {
  private IngestLoad() {}

  public static void main(final String[] args) throws Exception {
    final int threads = Integer.getInteger("threads", 32);
    final int seconds = Integer.getInteger("seconds", 20);
    final int warmup = Integer.getInteger("warmup", 3);
    final List<AutoCloseable> owned = new ArrayList<>();
    final String base;
    final String admin;
    if (args.length >= 2) {
      base = args[0].replaceAll("/+$", "");
      admin = args[1];
    } else {
      final EmbeddedKafka broker = EmbeddedKafka.startTemporary();
      owned.add(broker);
      admin = "load-admin-" + UUID.randomUUID();
      final IngestApp app =
          IngestApp.start(
              TrackerConfig.from(Map.of())
                  .withBootstrapServers(broker.bootstrapServers())
                  .withPorts(0, 0)
                  .withDataDir(java.nio.file.Files.createTempDirectory("ingest-load")),
              admin,
              Clock.systemUTC(),
              "127.0.0.1",
              null);
      owned.add(0, app);
      while (!app.isReady()) {
        Thread.sleep(100);
      }
      base = "http://127.0.0.1:" + app.port();
    }
    final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final String agency = "load-" + UUID.randomUUID().toString().substring(0, 8);
    final HttpResponse<String> put =
        client.send(
            request(base + "/api/v1/agencies/" + agency, admin, "{\"name\":\"压测机关\"}", "PUT"),
            HttpResponse.BodyHandlers.ofString());
    if (put.statusCode() / 100 != 2) {
      throw new IllegalStateException("PUT agency: " + put.statusCode() + " " + put.body());
    }
    final String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    final long start = System.nanoTime();
    final long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
    final long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final long[][] latencies = new long[threads][];
    final int[] counts = new int[threads];
    final Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      final int id = t;
      latencies[t] = new long[1 << 16];
      workers[t] =
          new Thread(
              () -> {
                int n = 0;
                final String[] eventTypes = {"FEE_NOTICE_ISSUED", "FEE_PAID", "DECIDED"};
                try {
                  while (System.nanoTime() < end) {
                    final String requestId = "w" + id + "-" + n++;
                    final String apps = base + "/api/v1/agencies/" + agency + "/requests";
                    final List<String[]> calls = new ArrayList<>();
                    calls.add(
                        new String[] {
                          apps,
                          "{\"requestId\":\""
                              + requestId
                              + "\",\"applicantType\":\"NATURAL_PERSON\","
                              + "\"receivedDate\":\""
                              + today
                              + "\",\"channel\":\"ONLINE\",\"subject\":\"压测申请 "
                              + requestId
                              + "\"}"
                        });
                    for (int k = 0; k < eventTypes.length; k++) {
                      calls.add(
                          new String[] {
                            apps + "/" + requestId + "/events",
                            "{\"eventId\":\"e"
                                + k
                                + "\",\"type\":\""
                                + eventTypes[k]
                                + "\",\"date\":\""
                                + today
                                + "\""
                                + (eventTypes[k].equals("DECIDED")
                                    ? ",\"outcome\":\"DISCLOSED\""
                                    : "")
                                + "}"
                          });
                    }
                    for (String[] c : calls) {
                      final long t0 = System.nanoTime();
                      final HttpResponse<String> r =
                          client.send(
                              request(c[0], admin, c[1], "POST"),
                              HttpResponse.BodyHandlers.ofString());
                      final long t1 = System.nanoTime();
                      if (t0 >= measureFrom && t1 <= end) {
                        if (r.statusCode() == 201 || r.statusCode() == 202) {
                          ok.incrementAndGet();
                          if (counts[id] == latencies[id].length) {
                            latencies[id] = Arrays.copyOf(latencies[id], counts[id] * 2);
                          }
                          latencies[id][counts[id]++] = t1 - t0;
                        } else {
                          failed.incrementAndGet();
                          if (failed.get() < 5) {
                            System.err.println(r.statusCode() + " " + r.body());
                          }
                        }
                      }
                    }
                  }
                } catch (Exception e) {
                  System.err.println("worker " + id + ": " + e);
                }
              });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    final long total = Arrays.stream(counts).asLongStream().sum();
    final long[] all = new long[(int) total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    System.out.printf(
        "IngestLoad: %d clients, %d s (after %d s warm-up) against %s%n",
        threads, seconds, warmup, base);
    System.out.printf(
        "IngestLoad: %d events acknowledged (acks=all), %d failed: %.0f events/s%n",
        ok.get(), failed.get(), ok.get() / (double) seconds);
    System.out.printf(
        "IngestLoad: latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        pct(all, 0.50),
        pct(all, 0.95),
        pct(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    for (AutoCloseable c : owned) {
      c.close();
    }
    System.exit(0);
  }

  private static double pct(final long[] sorted, final double p) {
    return sorted.length == 0
        ? 0
        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static HttpRequest request(
      final String url, final String token, final String body, final String method) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
