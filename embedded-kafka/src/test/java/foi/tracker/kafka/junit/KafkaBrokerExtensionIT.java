package foi.tracker.kafka.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.kafka.EmbeddedKafka;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionIT {

  private static EmbeddedKafka fromBeforeAll;

  @BeforeAll
  static void captureBroker(final EmbeddedKafka kafka) {
    fromBeforeAll = kafka;
  }

  @Test
  void shouldInjectTheSharedBrokerWhenParameterIsAnnotated(
      @BrokerBootstrap final String bootstrap, final EmbeddedKafka kafka) throws Exception {
    assertSame(fromBeforeAll, kafka);
    assertEquals(kafka.bootstrapServers(), bootstrap);
    assertEquals(bootstrap, KafkaBrokerExtension.bootstrapServers());
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic("extension-it", 1, (short) 1))).all().get();
      // a new topic reaches the metadata a moment after createTopics returns: ask again for a while
      final long deadline = System.nanoTime() + 10_000_000_000L;
      boolean listed = admin.listTopics().names().get().contains("extension-it");
      while (!listed && System.nanoTime() < deadline) {
        Thread.sleep(100);
        listed = admin.listTopics().names().get().contains("extension-it");
      }
      assertTrue(listed, "the topic created through the injected broker is listed");
    }
  }
}
