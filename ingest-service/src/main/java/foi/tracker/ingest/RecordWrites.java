package foi.tracker.ingest;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The admin routes' writes: one record sent and waited for until the broker has acknowledged it
 * (acks=all), else 503; token and agency records signed with the current record-signing key.
 */
final class RecordWrites {
  private final Producer<String, byte[]> producer;

  /** Signs every token and agency record written (docs/domain-rules.md "Keys"). */
  private final foi.tracker.core.access.RecordSigner signer;

  RecordWrites(
      final Producer<String, byte[]> producer, final foi.tracker.core.access.RecordSigner signer) {
    this.producer = producer;
    this.signer = signer;
  }

  /** A token or agency record, signed with the current record-signing key. */
  void writeSigned(final String topic, final String key, final byte[] value) {
    final ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, null, key, value);
    signer.sign(topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value, r.headers());
    write(r);
  }

  void write(final String topic, final Integer partition, final String key, final byte[] value) {
    write(new ProducerRecord<>(topic, partition, key, value));
  }

  private void write(final ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(IngestService.WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw IngestService.unavailable(e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw IngestService.unavailable(e);
    }
  }
}
