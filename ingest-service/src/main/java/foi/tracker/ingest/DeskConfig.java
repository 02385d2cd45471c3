package foi.tracker.ingest;

/**
 * Where the desk page finds the dashboard API.
 *
 * @param dashboardUrl {@code TRACKER_DASHBOARD_URL}, or null: the page uses the host it was loaded
 *     from
 * @param dashboardPort {@code TRACKER_DASHBOARD_PORT} (default 8081), used when {@code
 *     dashboardUrl} is null
 */
record DeskConfig(String dashboardUrl, int dashboardPort) {}
