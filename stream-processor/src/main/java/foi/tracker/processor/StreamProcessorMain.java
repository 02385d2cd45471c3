package foi.tracker.processor;

import foi.tracker.core.config.TrackerConfig;

/**
 * Runs the stream processor alone against {@code KAFKA_BOOTSTRAP_SERVERS} (as docker-compose does).
 */
public final class StreamProcessorMain {
  private StreamProcessorMain() {}

  public static void main(final String[] args) throws Exception {
    final TrackerConfig config = TrackerConfig.fromEnvironment();
    if (config.bootstrapServers() == null) {
      throw new IllegalStateException(
          "KAFKA_BOOTSTRAP_SERVERS must be set to run the stream processor alone");
    }
    final StreamProcessorApp app =
        StreamProcessorApp.start(
            config,
            ProcessorSettings.defaults(config.partitions()),
            StreamProcessorApp.tuningFrom(System.getenv()),
            StreamProcessorApp::exitOnError);
    final ProcessorHttp http =
        ProcessorHttp.start(
            app, ProcessorHttp.hostFrom(System.getenv()), ProcessorHttp.portFrom(System.getenv()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  http.close();
                  app.close();
                }));
    System.out.println(
        "stream-processor started ("
            + config.partitions()
            + " partitions); metrics and health on "
            + "http://"
            + ProcessorHttp.hostFrom(System.getenv())
            + ":"
            + http.port()
            + "/metrics, /health");
  }
}
