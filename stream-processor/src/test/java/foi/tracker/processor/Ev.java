package foi.tracker.processor;

import foi.tracker.core.event.Amended;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.ConsultationEnded;
import foi.tracker.core.event.ConsultationParty;
import foi.tracker.core.event.ConsultationStarted;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.ExtensionGranted;
import foi.tracker.core.event.ReviewConcluded;
import foi.tracker.core.event.ReviewFiled;
import foi.tracker.core.event.Withdrawn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Terse event factories for tests; every event is recorded at 10:00 China time on its own date. */
final class Ev {
  private Ev() {}

  static Instant at(final String date) {
    return LocalDate.parse(date).atTime(10, 0).toInstant(ZoneOffset.ofHours(8));
  }

  static ApplicationReceived received(
      final String agency, final String req, final String date, final String type) {
    return new ApplicationReceived(
        "received",
        agency,
        req,
        LocalDate.parse(date),
        at(date),
        type,
        Channel.ONLINE,
        "subject of " + req,
        null);
  }

  static Decided decided(
      final String agency,
      final String req,
      final String id,
      final String date,
      final String outcome) {
    return new Decided(id, agency, req, LocalDate.parse(date), at(date), outcome, null);
  }

  static Withdrawn withdrawn(
      final String agency, final String req, final String id, final String date) {
    return new Withdrawn(id, agency, req, LocalDate.parse(date), at(date));
  }

  static Amended amendType(
      final String agency,
      final String req,
      final String id,
      final String date,
      final String type) {
    return new Amended(id, agency, req, LocalDate.parse(date), at(date), type, null, null, null);
  }

  static Amended amendReceived(
      final String agency,
      final String req,
      final String id,
      final String date,
      final String received) {
    return new Amended(
        id,
        agency,
        req,
        LocalDate.parse(date),
        at(date),
        null,
        LocalDate.parse(received),
        null,
        null);
  }

  static Amended amendOutcome(
      final String agency,
      final String req,
      final String id,
      final String date,
      final String outcome) {
    return new Amended(id, agency, req, LocalDate.parse(date), at(date), null, null, null, outcome);
  }

  static ExtensionGranted extension(
      final String agency, final String req, final String id, final String date, final int days) {
    return new ExtensionGranted(id, agency, req, LocalDate.parse(date), at(date), days);
  }

  static ConsultationStarted consultation(
      final String agency, final String req, final String id, final String date) {
    return new ConsultationStarted(
        id, agency, req, LocalDate.parse(date), at(date), ConsultationParty.THIRD_PARTY);
  }

  static ConsultationEnded consultationEnded(
      final String agency, final String req, final String id, final String date) {
    return new ConsultationEnded(id, agency, req, LocalDate.parse(date), at(date));
  }

  static ReviewFiled review(
      final String agency,
      final String req,
      final String id,
      final String date,
      final String caseId) {
    return new ReviewFiled(id, agency, req, LocalDate.parse(date), at(date), caseId);
  }

  static ReviewConcluded reviewConcluded(
      final String agency,
      final String req,
      final String id,
      final String date,
      final String caseId,
      final AppealResult result) {
    return new ReviewConcluded(id, agency, req, LocalDate.parse(date), at(date), caseId, result);
  }
}
