package foi.tracker.processor;

import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.json.Json;
import foi.tracker.core.topic.Topics;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads holiday schedules published after release (国务院办公厅 notice for a new year) from a directory:
 * every {@code *.json} file in the holiday-cn format is validated and written to the calendar
 * topic, from which every processor instance recomputes the open deadlines. An invalid file is
 * reported in the log with the reason and skipped.
 */
final class HolidayDirectoryLoader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HolidayDirectoryLoader.class);

  private final Path dir;
  private final KafkaProducer<String, byte[]> producer;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            final Thread t = new Thread(r, "holiday-directory");
            t.setDaemon(true);
            return t;
          });
  private final Map<Path, Long> loaded = new HashMap<>();

  HolidayDirectoryLoader(final Path dir, final String bootstrapServers) {
    this.dir = dir;
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    foi.tracker.core.config.KafkaClientSecurity.apply(p);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  HolidayDirectoryLoader start(final Duration every) {
    timer.scheduleWithFixedDelay(this::scan, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Publishes every new or changed schedule file; returns how many were published. */
  int scan() {
    int published = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        final long modified = Files.getLastModifiedTime(f).toMillis();
        if (Long.valueOf(modified).equals(loaded.get(f))) {
          continue;
        }
        loaded.put(f, modified);
        try (InputStream in = Files.newInputStream(f)) {
          final YearSchedule s = YearSchedule.parse(in);
          producer
              .send(
                  new ProducerRecord<>(
                      Topics.CALENDAR.name(), String.valueOf(s.year()), Json.write(s)))
              .get();
          LOG.info("holiday schedule {} loaded from {} ({} days)", s.year(), f, s.days().size());
          published++;
        } catch (Exception e) {
          LOG.error("holiday schedule {} not loaded: {}", f, e.getMessage());
        }
      }
    } catch (Exception e) {
      LOG.error("cannot read holiday directory {}: {}", dir, e.toString());
    }
    return published;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
