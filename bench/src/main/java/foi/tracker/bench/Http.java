package foi.tracker.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Blocking HTTP/1.1 calls over loopback on plain sockets, one keep-alive connection per thread and
 * server.
 *
 * <p>The bench's clients share the 2 cores with the services they measure, so they must cost
 * little: java.net.http takes about 1 ms of CPU per call, a third of the machine at ingest
 * saturation; this client writes the request and reads status, headers and body (Content-Length or
 * chunked) with nothing in between. A call that fails on a reused connection before any answer
 * arrived is sent once more on a new one (the API is idempotent by requestId/eventId, so a repeated
 * write gets the same answer).
 */
final class Http {
  /** An answer: status and body (UTF-8). */
  record Response(int statusCode, String body) {}

  private final String token;
  private final ThreadLocal<Map<String, Connection>> connections =
      ThreadLocal.withInitial(HashMap::new);

  Http(final String token) {
    this.token = token;
  }

  Response get(final String url) throws IOException {
    return call("GET", url, null, false);
  }

  /** GET with the token (calls that are not aggregate tables: request details, deadlines). */
  Response getWithToken(final String url) throws IOException {
    return call("GET", url, null, true);
  }

  Response send(final String method, final String url, final String body) throws IOException {
    return call(method, url, body, true);
  }

  /** Status of GET url, or -1 when nothing answers. */
  int status(final String url) {
    try {
      return get(url).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private Response call(
      final String method, final String url, final String body, final boolean withToken)
      throws IOException {
    final URI uri = URI.create(url);
    final String hostPort = uri.getHost() + ":" + uri.getPort();
    final String path =
        uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    final StringBuilder head =
        new StringBuilder(256)
            .append(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(hostPort)
            .append("\r\n");
    if (withToken) {
      head.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    final byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    if (content != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ")
          .append(content.length)
          .append("\r\n");
    }
    head.append("\r\n");
    final byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    final Map<String, Connection> mine = connections.get();
    Connection c = mine.get(hostPort);
    final boolean reused = c != null;
    if (c == null) {
      c = new Connection(uri.getHost(), uri.getPort());
      mine.put(hostPort, c);
    }
    try {
      return c.exchange(request, content);
    } catch (NotAnswered e) {
      c.close();
      mine.remove(hostPort);
      if (!reused) {
        throw e.cause;
      }
      final Connection fresh = new Connection(uri.getHost(), uri.getPort());
      mine.put(hostPort, fresh);
      return fresh.exchange(request, content);
    } catch (IOException e) {
      c.close();
      mine.remove(hostPort);
      throw e;
    }
  }

  /**
   * Failed before any byte of the answer arrived (a kept-alive connection the server had closed).
   */
  private static final class NotAnswered extends IOException {
    private final IOException cause;

    NotAnswered(final IOException cause) {
      super(cause);
      this.cause = cause;
    }
  }

  private static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Connection(final String host, final int port) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(30_000);
      out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      in = new BufferedInputStream(socket.getInputStream(), 16384);
    }

    Response exchange(final byte[] head, final byte[] content) throws IOException {
      final String statusLine;
      try {
        out.write(head);
        if (content != null) {
          out.write(content);
        }
        out.flush();
        statusLine = line();
      } catch (IOException e) {
        throw new NotAnswered(e);
      }
      final int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        final int colon = h.indexOf(':');
        final String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        final String value = h.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          length = Long.parseLong(value);
        } else if (name.equals("transfer-encoding")
            && value.toLowerCase(Locale.ROOT).contains("chunked")) {
          chunked = true;
        } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
          close = true;
        }
      }
      final ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 512);
      if (chunked) {
        for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
            size > 0;
            size = Long.parseLong(line().split(";")[0].trim(), 16)) {
          copy(size, body);
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else if (length >= 0) {
        copy(length, body);
      } else {
        in.transferTo(body);
        close = true;
      }
      if (close) {
        close();
      }
      return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private void copy(final long n, final ByteArrayOutputStream to) throws IOException {
      final byte[] buf = new byte[(int) Math.min(n, 8192)];
      long left = n;
      while (left > 0) {
        final int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          throw new EOFException("answer ended early");
        }
        to.write(buf, 0, r);
        left -= r;
      }
    }

    /** One header line without its CRLF. */
    private String line() throws IOException {
      final StringBuilder sb = new StringBuilder(64);
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new EOFException("connection closed");
        }
        if (b != '\r') {
          sb.append((char) b);
        }
      }
      return sb.toString();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
