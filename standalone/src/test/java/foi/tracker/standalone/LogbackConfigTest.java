package foi.tracker.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The services' logback.xml (all of them run from this module's class path):
 * TRACKER_LOG_FORMAT=json writes one JSON object per line with a write's fields, text is the
 * default, and the TRACKER_LOG_LEVEL* variables set the levels without a rebuild.
 */
class LogbackConfigTest {
  @Test
  void jsonFormatWritesOneParseableObjectPerLineWithTheWriteFields() throws Exception {
    final String out = logOneWrite(Map.of("TRACKER_LOG_FORMAT", "json"));
    final String[] lines = out.split("\n");
    assertEquals(1, lines.length, out);
    final JsonNode line = Json.MAPPER.readTree(lines[0]);
    assertEquals("INFO", String.valueOf(line.get("level")).replace("\"", ""), out);
    assertEquals("foi.tracker.writes", line.get("loggerName").asText());
    assertTrue(
        line.get("formattedMessage").asText().startsWith("write agency=a-1 request=r-1"), out);
    final StringBuilder kv = new StringBuilder();
    line.get("kvpList")
        .forEach(
            p ->
                p.fields()
                    .forEachRemaining(
                        f ->
                            kv.append(f.getKey())
                                .append('=')
                                .append(f.getValue().asText())
                                .append(' ')));
    assertEquals(
        "agency=a-1 request=r-1 type=RECEIVED outcome=WRITTEN latencyMs=1.5 ", kv.toString());
  }

  @Test
  void textIsTheDefaultFormat() throws Exception {
    final String out = logOneWrite(Map.of());
    assertTrue(out.contains("INFO  foi.tracker.writes - write agency=a-1 request=r-1"), out);
    assertFalse(out.trim().startsWith("{"), out);
  }

  @Test
  void levelsComeFromTheEnvironment() throws Exception {
    assertEquals(
        "", logOneWrite(Map.of("TRACKER_LOG_LEVEL_WRITES", "OFF", "TRACKER_LOG_FORMAT", "json")));
    final LoggerContext ctx =
        configured(
            Map.of(
                "TRACKER_LOG_LEVEL",
                "DEBUG",
                "TRACKER_LOG_LEVEL_KAFKA",
                "INFO",
                "TRACKER_LOG_LEVEL_ROOT",
                "ERROR"));
    assertEquals(
        Level.DEBUG, ctx.getLogger("foi.tracker.ingest.IngestService").getEffectiveLevel());
    assertEquals(
        Level.INFO,
        ctx.getLogger("org.apache.kafka.clients.producer.KafkaProducer").getEffectiveLevel());
    assertEquals(Level.ERROR, ctx.getLogger("com.example").getEffectiveLevel());
    final LoggerContext defaults = configured(Map.of());
    assertEquals(Level.INFO, defaults.getLogger("foi.tracker.writes").getEffectiveLevel());
    assertEquals(Level.WARN, defaults.getLogger("org.apache.kafka").getEffectiveLevel());
  }

  private static String logOneWrite(final Map<String, String> env) throws Exception {
    final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    final LoggerContext ctx = configured(env);
    final java.util.List<ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent>>
        appenders = new java.util.ArrayList<>();
    ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .iteratorForAppenders()
        .forEachRemaining(appenders::add);
    assertEquals(1, appenders.size(), "one appender: " + appenders);
    assertEquals(env.getOrDefault("TRACKER_LOG_FORMAT", "text"), appenders.get(0).getName());
    // the console appender as configured (its encoder), writing here instead of to the console
    ((ch.qos.logback.core.OutputStreamAppender<?>) appenders.get(0)).setOutputStream(buf);
    ctx.getLogger("foi.tracker.writes")
        .atInfo()
        .addKeyValue("agency", "a-1")
        .addKeyValue("request", "r-1")
        .addKeyValue("type", "RECEIVED")
        .addKeyValue("outcome", "WRITTEN")
        .addKeyValue("latencyMs", 1.5)
        .log(
            "write agency={} request={} type={} outcome={} latencyMs={}",
            "a-1",
            "r-1",
            "RECEIVED",
            "WRITTEN",
            "1.500");
    final String out = buf.toString(StandardCharsets.UTF_8);
    if (out.isEmpty() && !"OFF".equals(env.get("TRACKER_LOG_LEVEL_WRITES"))) {
      ctx.getStatusManager().getCopyOfStatusList().forEach(System.err::println);
    }
    ctx.stop();
    return out;
  }

  /**
   * A fresh logger context configured by the main logback.xml, the variables given as context
   * properties.
   */
  private static LoggerContext configured(final Map<String, String> env) throws Exception {
    final URL xml = LogbackConfigTest.class.getResource("/logback.xml");
    assertNotNull(xml, "logback.xml on the class path");
    assertTrue(
        xml.getPath().contains("/standalone/target/classes/"), "the main logback.xml: " + xml);
    final LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    env.forEach(ctx::putProperty);
    final JoranConfigurator c = new JoranConfigurator();
    c.setContext(ctx);
    c.doConfigure(xml);
    ctx.start();
    return ctx;
  }
}
