package foi.tracker.core.edge;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both services answer at the HTTP edge (边界防护), framework-free: which other page origins may
 * call them from a browser (CORS) and be called by their pages (CSP connect-src), and the security
 * headers of every answer.
 */
public final class EdgePolicy {
  private EdgePolicy() {}

  /**
   * The origins of the other service's page: its URL when known, else this host's loopback names at
   * its port, plus those listed in {@code TRACKER_CORS_ORIGINS} (comma-separated, e.g. a reverse
   * proxy's {@code https://foi.example.gov.cn}).
   */
  public static List<String> pageOrigins(
      final String otherUrl, final int otherPort, final Map<String, String> env) {
    final Set<String> out = new LinkedHashSet<>();
    if (otherUrl != null) {
      final URI u = URI.create(otherUrl);
      out.add(u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()));
    } else {
      out.add("http://127.0.0.1:" + otherPort);
      out.add("http://localhost:" + otherPort);
    }
    final String extra = env.get("TRACKER_CORS_ORIGINS");
    if (extra != null) {
      for (String o : extra.split(",")) {
        if (!o.isBlank()) {
          out.add(o.trim().replaceAll("/+$", ""));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The Content-Security-Policy: scripts, styles, images and fonts from this origin only; no inline
   * script (the pages have none); inline {@code <style>} allowed because the printable report and
   * draft pages carry their CSS inline; calls to this origin and to {@code connectOrigins} (the
   * other service's page); never framed.
   */
  public static String contentSecurityPolicy(final List<String> connectOrigins) {
    final StringBuilder connect = new StringBuilder("'self'");
    connectOrigins.forEach(o -> connect.append(' ').append(o));
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src "
        + connect
        + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'";
  }

  /** The headers every answer carries. */
  public static Map<String, String> securityHeaders(final List<String> connectOrigins) {
    final Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", contentSecurityPolicy(connectOrigins));
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "no-referrer");
    return Map.copyOf(h);
  }
}
