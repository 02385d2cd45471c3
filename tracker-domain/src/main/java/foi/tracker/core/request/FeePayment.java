package foi.tracker.core.request;

import java.time.LocalDate;

/**
 * A 信息处理费 payment recorded on the request ({@code FEE_PAID} with an amount): its event, date and
 * amount in fen.
 */
public record FeePayment(String eventId, LocalDate date, long fen) {}
