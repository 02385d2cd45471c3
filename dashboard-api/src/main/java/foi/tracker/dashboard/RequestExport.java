package foi.tracker.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.RequestState;
import foi.tracker.report.Csv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The per-request export (申请明细) written as it is read, agency by agency (by agency id), each
 * agency's lines by received date and request id: the same rows and order as one sorted list of the
 * whole scope, without holding the scope in memory. Per agency the views hand over only their
 * holders' bytes or offsets under their lock; the closed records are read from the request file in
 * batches under the lock, and every record is filtered on its head ({@link RequestDates}: received
 * and decided dates, for {@code year}) and only then decoded, one at a time, outside the lock. Each
 * chunk is one agency's lines (CSV rows, or JSON array elements).
 */
final class RequestExport implements Iterator<byte[]> {
  /** Closed records read from the request file per hold of the views' lock. */
  static final int BATCH = 512;

  private static final ObjectMapper WITH_NULLS =
      Json.MAPPER.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);
  private static final Comparator<RequestCsv.Line> ORDER =
      Comparator.comparing(RequestCsv.Line::agencyId)
          .thenComparing(RequestCsv.Line::receivedDate)
          .thenComparing(RequestCsv.Line::requestId);

  private final DashboardViews views;
  private final Iterator<String> agencies;
  private final Integer year;
  private final boolean json;
  private final String agencyId;
  private final DeadlineClock clock;
  private final LocalDate today;
  private final Function<String, String> agencyName;
  private boolean started;
  private boolean anyLine;
  private boolean finished;
  private byte[] next;

  /**
   * @param scope the agencies, in the order written (sorted by id)
   * @param year null: every request; else those Table 三 of that year counts
   */
  RequestExport(
      final DashboardViews views,
      final List<String> scope,
      final Integer year,
      final boolean json,
      final String agencyId,
      final DeadlineClock clock,
      final LocalDate today,
      final Function<String, String> agencyName) {
    this.views = views;
    this.agencies = scope.iterator();
    this.year = year;
    this.json = json;
    this.agencyId = agencyId;
    this.clock = clock;
    this.today = today;
    this.agencyName = agencyName;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public byte[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    final byte[] out = next;
    next = null;
    return out;
  }

  /** The whole export in one array (tests, small scopes). */
  byte[] all() {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    forEachRemaining(out::writeBytes);
    return out.toByteArray();
  }

  private byte[] advance() {
    if (!started) {
      started = true;
      if (json) {
        return ("{\"agencyId\":"
                + new String(Json.write(agencyId), StandardCharsets.UTF_8)
                + ",\"requests\":[")
            .getBytes(StandardCharsets.UTF_8);
      }
      return new Csv().record(RequestCsv.HEADER).bytes();
    }
    while (agencies.hasNext()) {
      final List<RequestCsv.Line> lines = lines(agencies.next());
      if (!lines.isEmpty()) {
        return json ? jsonChunk(lines) : csvChunk(lines);
      }
    }
    if (json && !finished) {
      finished = true;
      return "]}".getBytes(StandardCharsets.UTF_8);
    }
    return null;
  }

  /** One agency's lines, sorted. */
  private List<RequestCsv.Line> lines(final String agency) {
    final DashboardViews.AgencyRecords records = views.agencyRecords(agency);
    final List<RequestCsv.Line> out = new ArrayList<>();
    for (Object o : records.open()) {
      if (o instanceof RequestState s) {
        add(s, out);
      } else {
        add((byte[]) o, out);
      }
    }
    final long[] closed = records.closed();
    for (int from = 0; from < closed.length; from += BATCH) {
      for (byte[] bytes :
          views.closedRecords(closed, from, Math.min(closed.length, from + BATCH))) {
        add(bytes, out);
      }
    }
    out.sort(ORDER);
    return out;
  }

  private void add(final byte[] bytes, final List<RequestCsv.Line> out) {
    if (StateCodec.isBinaryRequest(bytes) && !RequestDates.read(bytes).inYear(year)) {
      return; // skipped on its head, never decoded
    }
    add(StateCodec.readRequest(bytes), out);
  }

  private void add(final RequestState s, final List<RequestCsv.Line> out) {
    if (year != null
        && (s.receivedDate().getYear() > year
            || s.decidedDate() != null && s.decidedDate().getYear() < year)) {
      return;
    }
    final Deadline d = clock.evaluateBrief(s.receivedDate(), s.clock(), s.decidedDate(), today);
    out.add(
        new RequestCsv.Line(
            s.requestId(),
            s.agencyId(),
            s.applicantType(),
            s.channel() == null ? null : s.channel().name(),
            s.receivedDate(),
            d.dueDate(),
            s.decidedDate(),
            s.outcome(),
            d.status() == null ? null : d.status().name(),
            d.workingDaysUsed()));
  }

  private byte[] csvChunk(final List<RequestCsv.Line> lines) {
    return RequestCsv.rows(lines, agencyName);
  }

  private byte[] jsonChunk(final List<RequestCsv.Line> lines) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(lines.size() * 256);
    try {
      for (RequestCsv.Line l : lines) {
        if (anyLine) {
          out.write(',');
        }
        anyLine = true;
        out.write(WITH_NULLS.writeValueAsBytes(l));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
