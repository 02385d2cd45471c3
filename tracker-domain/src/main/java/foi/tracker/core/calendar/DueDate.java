package foi.tracker.core.calendar;

import java.time.LocalDate;

/**
 * The answer of {@code GET /api/v1/calendar/due-date}: provisional when a counted day lies in a
 * year not loaded.
 */
public record DueDate(LocalDate from, int workingDays, LocalDate dueDate, boolean provisional) {}
