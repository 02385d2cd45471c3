package foi.tracker.core.event;

/** 申请渠道: how the application reached the agency (Art. 29, 31). */
public enum Channel {
  IN_PERSON,
  POST,
  ONLINE,
  FAX,
  EMAIL,
  OTHER
}
