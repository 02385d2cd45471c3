package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.RequestEvent;

/**
 * A validated event, with its fingerprint, the answer it gets once written (or when it was written
 * before), and the refusal when its id was used for a different content.
 */
record Write(RequestEvent event, long fingerprint, String indexKey, Reply answer) {
  ApiException conflict() {
    return event instanceof ApplicationReceived
        ? ApiException.of(
            409,
            "CONFLICT",
            "requestId",
            "申请编号 " + event.requestId() + " 已被使用，且内容不同",
            "requestId " + event.requestId() + " was already used for a different application")
        : ApiException.of(
            409,
            "CONFLICT",
            "eventId",
            "事件编号 " + event.eventId() + " 已被使用，且内容不同",
            "eventId "
                + event.eventId()
                + " was already used for a different event of this request");
  }
}
