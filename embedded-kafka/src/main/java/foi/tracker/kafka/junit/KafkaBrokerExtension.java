package foi.tracker.kafka.junit;

import foi.tracker.kafka.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one temporary {@link EmbeddedKafka} per test JVM, shared by every test class that uses
 * this extension, and closes it when the JUnit root context closes (after the last test of the
 * run).
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class CountIT {
 *     @Test void shouldCount(@BrokerBootstrap String bootstrap) { ... }
 *     // or KafkaBrokerExtension.bootstrapServers() after the extension ran (e.g. in @BeforeAll)
 * }
 * }</pre>
 *
 * <p>The broker is shared: give every test its own topics, group ids, application ids and
 * transactional ids. Do not stop this broker in a test; a broker-outage test starts its own {@code
 * EmbeddedKafka}. Parameters of type {@link EmbeddedKafka} are resolved too, for read-only use
 * (ports, data dir).
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
  private static final String KEY = "broker";

  private static volatile EmbeddedKafka shared;

  /**
   * The shared broker's {@code bootstrap.servers}.
   *
   * @throws IllegalStateException if no test class with this extension has started yet
   */
  public static String bootstrapServers() {
    final EmbeddedKafka kafka = shared;
    if (kafka == null) {
      throw new IllegalStateException(
          "no shared broker: annotate the test class with @ExtendWith(KafkaBrokerExtension.class)");
    }
    return kafka.bootstrapServers();
  }

  @Override
  public void beforeAll(final ExtensionContext context) {
    broker(context);
  }

  @Override
  public boolean supportsParameter(
      final ParameterContext parameterContext, final ExtensionContext extensionContext) {
    final Class<?> type = parameterContext.getParameter().getType();
    return type == EmbeddedKafka.class
        || (type == String.class && parameterContext.isAnnotated(BrokerBootstrap.class));
  }

  @Override
  public Object resolveParameter(
      final ParameterContext parameterContext, final ExtensionContext extensionContext) {
    final EmbeddedKafka kafka = broker(extensionContext);
    final Class<?> type = parameterContext.getParameter().getType();
    if (type == EmbeddedKafka.class) {
      return kafka;
    }
    if (type == String.class) {
      return kafka.bootstrapServers();
    }
    throw new ParameterResolutionException(
        "cannot resolve parameter " + parameterContext.getParameter());
  }

  private static EmbeddedKafka broker(final ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> SharedBroker.start(), SharedBroker.class)
        .kafka();
  }

  /**
   * The store value: JUnit closes it (it is {@link AutoCloseable}) when the root context closes.
   */
  private record SharedBroker(EmbeddedKafka kafka) implements AutoCloseable {

    static SharedBroker start() {
      final long t0 = System.nanoTime();
      final EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
      System.out.printf(
          "embedded-kafka: shared broker on %s started in %d ms%n",
          kafka.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
      shared = kafka;
      return new SharedBroker(kafka);
    }

    @Override
    public void close() {
      shared = null;
      kafka.close();
    }
  }
}
