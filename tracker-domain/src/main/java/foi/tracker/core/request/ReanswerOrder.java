package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * The latest order to answer again (责令重新答复): the case that ordered it, the day it was recorded as
 * reopened, and the due date the order set ({@code dueDate}; null: 20 working days after {@code
 * date}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReanswerOrder(String caseId, LocalDate date, LocalDate dueDate) {}
