package foi.tracker.core.deadline;

import java.time.LocalDate;

/**
 * A step of a request that moves its answer clock, in the order it happened. {@code type} is an
 * {@link foi.tracker.core.event.EventType} name (CORRECTION_REQUESTED with its {@code dueBy} as
 * {@code dueDate} (null when the notice gave none), CORRECTION_RECEIVED, CONSULTATION_STARTED,
 * CONSULTATION_ENDED, FEE_NOTICE_ISSUED, FEE_PAID, EXTENSION_GRANTED with {@code workingDays},
 * DELAY_SET with {@code dueDate}); other types are ignored by the clock.
 */
public record ClockEvent(String type, LocalDate date, Integer workingDays, LocalDate dueDate) {}
