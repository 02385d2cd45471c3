package foi.tracker.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of one batch call (批量导入) all or nothing: in one Kafka transaction, so a reader
 * of the event log (read_committed: the processor, the ingest index) sees every record of the batch
 * or none of them. A batch the broker does not confirm is aborted, and the desk sends it again.
 *
 * <p>A few transactional producers are kept, one transaction at a time each; a call waits for a
 * free one. A producer that failed is closed and opened again under the same transactional id,
 * which fences and aborts whatever it left open, so a failed batch never holds back the readers for
 * longer than the new producer takes to start.
 */
final class BatchWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

  private final Function<String, Producer<String, byte[]>> open;
  private final BlockingQueue<Slot> idle;
  private final long waitMs;

  /**
   * @param open opens a transactional producer with the given transactional.id
   * @param idPrefix unique to this service instance
   * @param producers how many batches may be written at the same time
   * @param waitMs how long a call waits for a free producer before it is answered 503
   */
  BatchWriter(
      final Function<String, Producer<String, byte[]>> open,
      final String idPrefix,
      final int producers,
      final long waitMs) {
    this.open = open;
    this.waitMs = waitMs;
    this.idle = new ArrayBlockingQueue<>(producers);
    for (int i = 0; i < producers; i++) {
      idle.add(new Slot(idPrefix + "-" + i));
    }
  }

  /**
   * Writes every record or none; returns once the broker has committed them (acks=all), with where
   * each was written, in the order of {@code records}.
   */
  List<RecordMetadata> writeAll(final List<ProducerRecord<String, byte[]>> records) {
    final Slot slot;
    try {
      slot = idle.poll(waitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw IngestService.unavailable(e);
    }
    if (slot == null) {
      throw IngestService.unavailable(
          new IllegalStateException("no batch producer free within " + waitMs + " ms"));
    }
    try {
      final Producer<String, byte[]> p = slot.producer();
      p.beginTransaction();
      final List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (ProducerRecord<String, byte[]> r : records) {
        sent.add(p.send(r));
      }
      p.commitTransaction();
      // committed: every send has completed
      final List<RecordMetadata> written = new ArrayList<>(sent.size());
      for (Future<RecordMetadata> f : sent) {
        written.add(f.get());
      }
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw IngestService.unavailable(e);
    } catch (ExecutionException | RuntimeException e) {
      slot.discard();
      throw IngestService.unavailable(e);
    } finally {
      idle.add(slot);
    }
  }

  @Override
  public void close() {
    for (Slot s : idle) {
      s.discard();
    }
  }

  /** One transactional id and the producer currently open under it (opened on first use). */
  private final class Slot {
    private final String transactionalId;
    private Producer<String, byte[]> producer;

    Slot(final String transactionalId) {
      this.transactionalId = transactionalId;
    }

    Producer<String, byte[]> producer() {
      if (producer == null) {
        final Producer<String, byte[]> p = open.apply(transactionalId);
        try {
          p.initTransactions();
        } catch (RuntimeException e) {
          p.close(Duration.ZERO);
          throw e;
        }
        producer = p;
      }
      return producer;
    }

    void discard() {
      if (producer != null) {
        LOG.info(
            "closing batch producer {}; it is opened again on the next batch", transactionalId);
        try {
          producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
          LOG.warn("closing batch producer {}: {}", transactionalId, e.toString());
        }
        producer = null;
      }
    }
  }
}
