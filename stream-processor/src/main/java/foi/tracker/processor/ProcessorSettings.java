package foi.tracker.processor;

import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.request.RequestRules;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

/**
 * What the topology needs to know: the clock it reads "today" from (China time), the deadline
 * rules' settings, how often it checks for deadline alerts to emit, how often it checks whether the
 * day or the calendar changed, and the event log's partition count (to spot records written to the
 * wrong partition). The tables themselves are published at each commit ({@code
 * commit.interval.ms}).
 */
public record ProcessorSettings(
    Clock clock,
    DeadlineSettings deadlineSettings,
    Duration alertInterval,
    Duration deadlineCheckInterval,
    int eventPartitions) {
  public static ProcessorSettings defaults(final int eventPartitions) {
    return new ProcessorSettings(
        Clock.systemUTC(),
        DeadlineSettings.defaults(),
        Duration.ofMillis(100),
        Duration.ofMinutes(1),
        eventPartitions);
  }

  /** Today in China, by the clock. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(RequestRules.CHINA));
  }
}
