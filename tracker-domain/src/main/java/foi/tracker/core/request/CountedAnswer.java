package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * The answer Table 三 counts once a review or court ordered a new one (责令重新答复): the original
 * decision, its outcome and date, and how it stood against its deadline ({@code late}, {@code
 * workingDaysUsed} net of pauses, {@code lateCorrectionNotice}) for the compliance figures. The
 * re-answer itself is shown on the request and adds nothing to Table 三.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CountedAnswer(
    String outcome,
    LocalDate decidedDate,
    boolean late,
    Integer workingDaysUsed,
    boolean lateCorrectionNotice) {}
