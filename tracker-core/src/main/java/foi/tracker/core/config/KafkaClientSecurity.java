package foi.tracker.core.config;

import java.util.Map;

/**
 * How the services authenticate to Kafka: {@code KAFKA_SECURITY_PROTOCOL} (e.g. SASL_PLAINTEXT,
 * SASL_SSL), {@code KAFKA_SASL_MECHANISM} (e.g. SCRAM-SHA-512) and {@code KAFKA_SASL_JAAS_CONFIG}
 * are passed to every Kafka client the services create (producers, consumers, admin clients, Kafka
 * Streams). Unset: Kafka's defaults (PLAINTEXT), as in the standalone run.
 */
public final class KafkaClientSecurity {
  private static final Map<String, String> ENV_TO_CONFIG =
      Map.of(
          "KAFKA_SECURITY_PROTOCOL", "security.protocol",
          "KAFKA_SASL_MECHANISM", "sasl.mechanism",
          "KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config");

  private KafkaClientSecurity() {}

  /** The client settings named by {@code env} (only those set). */
  public static Map<String, Object> settings(final Map<String, String> env) {
    final Map<String, Object> out = new java.util.HashMap<>();
    ENV_TO_CONFIG.forEach(
        (var, key) -> {
          final String v = env.get(var);
          if (v != null && !v.isBlank()) {
            out.put(key, v.trim());
          }
        });
    return out;
  }

  /**
   * Adds this process's settings ({@link System#getenv()}) to a client configuration; returns it.
   */
  public static <M extends Map<Object, Object>> M apply(final M config) {
    config.putAll(settings(System.getenv()));
    return config;
  }

  /** A client configuration of just the bootstrap servers and this process's security settings. */
  public static Map<String, Object> withBootstrap(final String bootstrapServers) {
    final Map<String, Object> out = settings(System.getenv());
    out.put("bootstrap.servers", bootstrapServers);
    return out;
  }
}
