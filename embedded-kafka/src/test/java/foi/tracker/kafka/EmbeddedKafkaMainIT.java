package foi.tracker.kafka;

import static foi.tracker.kafka.KafkaTestClients.createTopic;
import static foi.tracker.kafka.KafkaTestClients.millisSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaMainIT {

  @Test
  void shouldPrintReadyAndServeClientsWhenRunAsChildJvm(@TempDir final Path dir) throws Exception {
    final int port = LoopbackPorts.reserve();
    final int controllerPort = LoopbackPorts.reserve();
    final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    final long t0 = System.nanoTime();
    final Process child =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedKafka.class.getName(),
                dir.toString(),
                String.valueOf(port),
                String.valueOf(controllerPort))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      final BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      while (line != null && !line.startsWith("READY ")) {
        line = out.readLine();
      }
      System.out.printf("EmbeddedKafkaMainIT: child JVM ready in %d ms%n", millisSince(t0));
      assertEquals("READY 127.0.0.1:" + port, line);

      final String bs = "127.0.0.1:" + port;
      createTopic(bs, new NewTopic("child", 1, (short) 1));
      try (KafkaProducer<String, String> producer = KafkaTestClients.producer(bs)) {
        KafkaTestClients.send(producer, "child", "r", 4);
      }
      assertEquals(4, KafkaTestClients.readAllCommitted(bs, "child").size());
    } finally {
      child.destroy();
      assertTrue(
          child.waitFor(30, TimeUnit.SECONDS), "child JVM did not stop within 30 s of SIGTERM");
    }
    assertEquals(143, child.exitValue());
    assertTrue(Files.exists(dir.resolve("meta.properties")), "the child keeps its dataDir");
  }
}
