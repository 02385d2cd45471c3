package foi.tracker.core.event;

/** Whose opinion is sought: a third party (Art. 32) or another agency (Art. 34). */
public enum ConsultationParty {
  THIRD_PARTY,
  OTHER_AGENCY
}
