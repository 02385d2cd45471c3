package foi.tracker.core.request;

/** OPEN until answered (答复) or withdrawn (撤回); CLOSED after. */
public enum RequestStatus {
  OPEN,
  CLOSED
}
