package foi.tracker.processor;

import foi.tracker.core.deadline.DeadlineSettings;
import java.time.Clock;
import java.time.Duration;

/**
 * What the topology needs to know: the clock it reads "today" from (China time), the deadline rules' settings, how
 * often it checks for deadline alerts to emit, how often it checks whether the day or the calendar changed, and the
 * event log's partition count (to spot records written to the wrong partition), and how often it commits, which is
 * when the tables are published ({@link CommitPacing}).
 */
public record ProcessorSettings(Clock clock, DeadlineSettings deadlineSettings, Duration alertInterval,
                                Duration deadlineCheckInterval, int eventPartitions, CommitPacing commits) {
  /** With the default commit pacing. */
  public ProcessorSettings(final Clock clock, final DeadlineSettings deadlineSettings, final Duration alertInterval,
                           final Duration deadlineCheckInterval, final int eventPartitions) {
    this(clock, deadlineSettings, alertInterval, deadlineCheckInterval, eventPartitions, CommitPacing.defaults());
  }

  public static ProcessorSettings defaults(final int eventPartitions) {
    return new ProcessorSettings(Clock.systemUTC(), DeadlineSettings.defaults(), Duration.ofMillis(100),
        Duration.ofMinutes(1), eventPartitions);
  }

  /** The defaults, with the commit pacing from the environment ({@link CommitPacing#fromEnvironment}). */
  public static ProcessorSettings fromEnvironment(final int eventPartitions, final java.util.Map<String, String> env) {
    return defaults(eventPartitions).withCommits(CommitPacing.fromEnvironment(env));
  }

  public ProcessorSettings withCommits(final CommitPacing pacing) {
    return new ProcessorSettings(clock, deadlineSettings, alertInterval, deadlineCheckInterval, eventPartitions,
        pacing);
  }
}
