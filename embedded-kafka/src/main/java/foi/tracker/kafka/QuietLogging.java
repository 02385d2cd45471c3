package foi.tracker.kafka;

import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the broker's loggers to WARN in whichever SLF4J backend is present, without a compile
 * dependency on it.
 *
 * <p>The broker logs through SLF4J (scala-logging). Kafka ships no SLF4J backend: with none,
 * nothing is printed. Logback (the Micronaut modules) defaults to DEBUG without a config file, and
 * {@code state.change.logger} logs INFO per partition, so we set {@code kafka}, {@code
 * org.apache.kafka} and {@code state.change.logger} to WARN. A level the application configured
 * explicitly for one of these loggers (e.g. in logback.xml) is kept. Disable with {@code
 * -Dembedded.kafka.quiet=false}.
 */
final class QuietLogging {

  static final List<String> LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");
  private static volatile boolean applied;

  private QuietLogging() {}

  static void apply() {
    if (applied || !Boolean.parseBoolean(System.getProperty("embedded.kafka.quiet", "true"))) {
      return;
    }
    applied = true;
    final ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    final String backend = factory.getClass().getName();
    try {
      if (backend.startsWith("ch.qos.logback.")) {
        quietLogback(factory);
      } else if (backend.startsWith("org.apache.logging.slf4j.")) {
        quietLog4j2();
      }
      // NOP / slf4j-simple / JUL: nothing to do (NOP prints nothing; the others are configured by
      // the user).
    } catch (final ReflectiveOperationException | LinkageError e) {
      System.err.println(
          "embedded-kafka: could not lower Kafka log levels for " + backend + ": " + e);
    }
  }

  private static void quietLogback(final ILoggerFactory factory)
      throws ReflectiveOperationException {
    final ClassLoader loader = factory.getClass().getClassLoader();
    final Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, loader);
    final Object warn = levelClass.getField("WARN").get(null);
    for (final String name : LOGGERS) {
      final Logger logger = factory.getLogger(name);
      final Method getLevel = logger.getClass().getMethod("getLevel");
      if (getLevel.invoke(logger) == null) {
        logger.getClass().getMethod("setLevel", levelClass).invoke(logger, warn);
      }
    }
  }

  private static void quietLog4j2() throws ReflectiveOperationException {
    final Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level");
    final Object warn = levelClass.getField("WARN").get(null);
    final Method setLevel =
        Class.forName("org.apache.logging.log4j.core.config.Configurator")
            .getMethod("setLevel", String.class, levelClass);
    for (final String name : LOGGERS) {
      setLevel.invoke(null, name, warn);
    }
  }
}
