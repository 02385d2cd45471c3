package foi.tracker.processor;

import foi.tracker.core.request.RequestState;
import java.time.LocalDate;
import java.util.Map;

/**
 * A request state just stored (申请状态变更), passed from the lifecycle or the deadline sweep to the
 * totals and the alerts, keyed by the request: the new state, the change of its table cells ({@code
 * Cells.delta}, worked out before anything was written, so an event whose cells cannot be counted
 * changes nothing), and the step that caused it (the event's id, type and date; a recomputed
 * deadline has no event id).
 */
record RequestChange(
    RequestState after, Map<String, Long> delta, String eventId, String type, LocalDate date) {}
