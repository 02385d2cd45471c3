package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.access.RecordSignatures;
import foi.tracker.core.access.SigningKeyFiles;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.json.Json;
import foi.tracker.core.topic.DeskToken;
import foi.tracker.core.topic.TopicAdmin;
import foi.tracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Token and agency records must carry the ingest's signature (docs/domain-rules.md "Keys"): records
 * written straight to Kafka without it are ignored by the ingest and the dashboard, a key rotation
 * keeps the predecessor's records valid while refusing unknown keys, and the upgrade's migration
 * signs what an older version wrote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedRecordsIT {
  private static final String ADMIN = "admin-token-signed-records-it";
  private static TrackerStack stack;
  private static TestHttp ingest;

  @BeforeAll
  static void start() throws Exception {
    stack = TrackerStack.start(ADMIN);
    ingest = stack.ingestHttp();
    assertEquals(
        201, ingest.send("PUT", "/api/v1/agencies/root", ADMIN, "{\"name\":\"国务院办公厅\"}").status());
    assertEquals(
        201,
        ingest
            .send(
                "PUT", "/api/v1/agencies/sub", ADMIN, "{\"name\":\"市政府办公室\",\"parentId\":\"root\"}")
            .status());
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  private static String issue(final TestHttp http, final String agencyId) {
    final TestHttp.Resp r =
        http.send("POST", "/api/v1/agencies/" + agencyId + "/tokens", ADMIN, "{\"label\":\"窗口\"}");
    assertEquals(201, r.status(), r.toString());
    return r.json().get("token").asText();
  }

  private static int postApplication(
      final TestHttp http, final String token, final String agencyId, final String requestId) {
    return http.send(
            "POST",
            "/api/v1/agencies/" + agencyId + "/requests",
            token,
            IngestBatchIT.application(requestId, "NATURAL_PERSON"))
        .status();
  }

  private static int deadlines(final String token, final String agencyId) {
    return stack.dashboardHttp().get("/api/v1/agencies/" + agencyId + "/deadlines", token).status();
  }

  /**
   * A token record for {@code agencyId} with a known secret; returns the bearer token and the
   * record's value.
   */
  private static Map.Entry<String, byte[]> tokenRecord(
      final String tokenId, final String agencyId) {
    final String secret = AccessControl.newSecret();
    final byte[] value =
        Json.write(
            new DeskToken(
                tokenId,
                agencyId,
                "伪造",
                AccessControl.hashForStorage(secret),
                Instant.now(),
                false));
    return Map.entry("desk." + tokenId + "." + secret, value);
  }

  /**
   * Writes with a plain producer, as anyone who can reach the broker could; {@code headers} name →
   * bytes.
   */
  static void writeRaw(
      final String bootstrap,
      final String topic,
      final String key,
      final byte[] value,
      final Map<String, byte[]> headers) {
    final Map<String, Object> p =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      final ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
      headers.forEach((k, v) -> r.headers().add(k, v));
      producer.send(r).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, byte[]> signedBy(
      final RecordSignatures.SigningKey key,
      final String topic,
      final String recordKey,
      final byte[] value) {
    final ConsumerRecord<byte[], byte[]> r =
        new ConsumerRecord<>(topic, 0, 0, recordKey.getBytes(StandardCharsets.UTF_8), value);
    key.sign(topic, r.key(), value, r.headers());
    final Map<String, byte[]> out = new HashMap<>();
    r.headers().forEach(h -> out.put(h.key(), h.value()));
    return out;
  }

  private static void awaitRefused(
      final long ingestBefore, final long dashboardBefore, final int more) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack.ingest.refusedSignatures() >= ingestBefore + more
                    && stack.dashboard.refusedSignatures() >= dashboardBefore + more);
  }

  @Test
  @Order(
      1) // first: no application was posted yet, so the tables stand still while they are compared
  void forgedTokenRecordsForTheRootAgencyAreIgnoredByIngestAndDashboard() {
    final String desk = issue(ingest, "sub");
    final String table = "/api/v1/agencies/root/reports/2025/table3";
    final String tableBefore = stack.dashboardHttp().get(table, ADMIN).body();
    final long eventsBefore =
        TestHttp.readAll(stack.bootstrapServers(), Topics.EVENTS.name()).size();
    final long ingestBefore = stack.ingest.refusedSignatures();
    final long dashboardBefore = stack.dashboard.refusedSignatures();

    final Map.Entry<String, byte[]> unsigned = tokenRecord("forged1", "root");
    writeRaw(
        stack.bootstrapServers(), Topics.TOKENS.name(), "forged1", unsigned.getValue(), Map.of());
    final Map.Entry<String, byte[]> garbage = tokenRecord("forged2", "root");
    final String keyId =
        SigningKeyFiles.readPrivate(stack.dataDir().resolve("record-signing.key")).keyId();
    writeRaw(
        stack.bootstrapServers(),
        Topics.TOKENS.name(),
        "forged2",
        garbage.getValue(),
        Map.of(
            RecordSignatures.SIG,
            new byte[64],
            RecordSignatures.KEY_ID,
            keyId.getBytes(StandardCharsets.US_ASCII)));
    // a genuine token record signed for the token topic, replayed on the agency topic
    final Map.Entry<String, byte[]> replay = tokenRecord("forged3", "root");
    final RecordSignatures.SigningKey current =
        SigningKeyFiles.readPrivate(stack.dataDir().resolve("record-signing.key"));
    writeRaw(
        stack.bootstrapServers(),
        Topics.AGENCIES.name(),
        "forged3",
        replay.getValue(),
        signedBy(current, Topics.TOKENS.name(), "forged3", replay.getValue()));
    awaitRefused(ingestBefore, dashboardBefore, 3);

    for (String forged : List.of(unsigned.getKey(), garbage.getKey())) {
      assertEquals(401, postApplication(ingest, forged, "root", "R-FORGED"), "ingest");
      assertEquals(401, deadlines(forged, "root"), "dashboard");
    }
    assertEquals(
        eventsBefore,
        TestHttp.readAll(stack.bootstrapServers(), Topics.EVENTS.name()).size(),
        "nothing was written to the event log");
    assertEquals(
        tableBefore, stack.dashboardHttp().get(table, ADMIN).body(), "the tables are unchanged");
    assertEquals(200, deadlines(desk, "sub"), "the genuine token still works");
  }

  @Test
  void aForgedAgencyRecordDoesNotMoveTheTree() {
    final String tree = stack.dashboardHttp().get("/api/v1/agencies", null).body();
    assertTrue(tree.contains("\"parentId\":\"root\""), tree);
    final long ingestBefore = stack.ingest.refusedSignatures();
    final long dashboardBefore = stack.dashboard.refusedSignatures();
    writeRaw(
        stack.bootstrapServers(),
        Topics.AGENCIES.name(),
        "sub",
        Json.write(new Agency("sub", "被篡改", null)),
        Map.of());
    writeRaw(
        stack.bootstrapServers(),
        Topics.AGENCIES.name(),
        "root",
        Json.write(new Agency("root", "被篡改", "sub")),
        Map.of());
    awaitRefused(ingestBefore, dashboardBefore, 2);
    assertEquals(tree, stack.dashboardHttp().get("/api/v1/agencies", null).body());
    // the ingest's tree is unchanged too: "sub" may still not become root's parent (it is under
    // root)
    final TestHttp.Resp cycle =
        ingest.send(
            "PUT", "/api/v1/agencies/root", ADMIN, "{\"name\":\"国务院办公厅\",\"parentId\":\"sub\"}");
    assertEquals(400, cycle.status(), cycle.toString());
  }

  @Test
  void afterARotationThePreviousKeyIsAcceptedAnUnknownOneIsNotAndEveryLiveRecordIsReSigned()
      throws Exception {
    final String before = issue(ingest, "sub");
    final RecordSignatures.SigningKey old =
        SigningKeyFiles.readPrivate(stack.dataDir().resolve("record-signing.key"));
    assertEquals(
        401, ingest.send("POST", "/api/v1/signing-key/rotation", "bogus", (byte[]) null).status());
    final TestHttp.Resp r =
        ingest.send("POST", "/api/v1/signing-key/rotation", ADMIN, (byte[]) null);
    assertEquals(200, r.status(), r.toString());
    assertEquals(old.keyId(), r.json().get("previousKeyId").asText());
    final String next = r.json().get("keyId").asText();
    assertNotEquals(old.keyId(), next);
    assertTrue(r.json().get("resigned").get(Topics.TOKENS.name()).asInt() >= 1, r.toString());

    // every live record is now signed with the new key
    final Map<String, ConsumerRecord<byte[], byte[]>> live = new HashMap<>();
    for (String topic : List.of(Topics.TOKENS.name(), Topics.AGENCIES.name())) {
      TestHttp.readAll(stack.bootstrapServers(), topic)
          .forEach(c -> live.put(topic + "/" + new String(c.key(), StandardCharsets.UTF_8), c));
    }
    live.forEach(
        (k, c) -> {
          if (!k.contains("/forged")
              && !(k.startsWith(Topics.AGENCIES.name())
                  && new String(c.value(), StandardCharsets.UTF_8).contains("被篡改"))) {
            assertEquals(next, RecordSignatures.keyIdOf(c.headers()), k);
          }
        });

    final long ingestBefore = stack.ingest.refusedSignatures();
    final long dashboardBefore = stack.dashboard.refusedSignatures();
    final Map.Entry<String, byte[]> byPrevious = tokenRecord("prevkey1", "sub");
    writeRaw(
        stack.bootstrapServers(),
        Topics.TOKENS.name(),
        "prevkey1",
        byPrevious.getValue(),
        signedBy(old, Topics.TOKENS.name(), "prevkey1", byPrevious.getValue()));
    final RecordSignatures.SigningKey stranger =
        RecordSignatures.SigningKey.of(RecordSignatures.newKeyPair());
    final Map.Entry<String, byte[]> byStranger = tokenRecord("stranger1", "root");
    writeRaw(
        stack.bootstrapServers(),
        Topics.TOKENS.name(),
        "stranger1",
        byStranger.getValue(),
        signedBy(stranger, Topics.TOKENS.name(), "stranger1", byStranger.getValue()));
    awaitRefused(ingestBefore, dashboardBefore, 1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deadlines(byPrevious.getKey(), "sub") == 200);
    assertEquals(201, postApplication(ingest, byPrevious.getKey(), "sub", "R-PREV-1"));
    assertEquals(401, deadlines(byStranger.getKey(), "root"));
    assertEquals(401, postApplication(ingest, byStranger.getKey(), "root", "R-STRANGER"));
    assertEquals(ingestBefore + 1, stack.ingest.refusedSignatures());

    // tokens issued before the rotation keep working, also for a dashboard that rebuilds from Kafka
    stack.restartDashboard();
    assertEquals(200, deadlines(before, "sub"));
    assertEquals(200, deadlines(byPrevious.getKey(), "sub"));
    assertEquals(401, deadlines(byStranger.getKey(), "root"));
  }

  @Test
  void theMigrationSignsRecordsAnOlderVersionWroteAndTheirTokensKeepWorking() throws Exception {
    final Map.Entry<String, byte[]> legacy = tokenRecord("legacy1", "old-root");
    final Map.Entry<String, byte[]> revoked = tokenRecord("legacy2", "old-root");
    final byte[] revocation =
        Json.write(new DeskToken("legacy2", "old-root", null, "", Instant.now(), true));
    try (TrackerStack upgraded =
        TrackerStack.start(
            ADMIN,
            bootstrap -> {
              try (Admin admin =
                  Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicAdmin.ensureTopics(admin, 6, (short) 1, 1);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
              writeRaw(
                  bootstrap,
                  Topics.AGENCIES.name(),
                  "old-root",
                  Json.write(new Agency("old-root", "旧机关", null)),
                  Map.of());
              writeRaw(bootstrap, Topics.TOKENS.name(), "legacy1", legacy.getValue(), Map.of());
              writeRaw(bootstrap, Topics.TOKENS.name(), "legacy2", revoked.getValue(), Map.of());
              writeRaw(bootstrap, Topics.TOKENS.name(), "legacy2", revocation, Map.of());
            })) {
      final TestHttp in = upgraded.ingestHttp();
      assertEquals(201, postApplication(in, legacy.getKey(), "old-root", "R-LEGACY-1"));
      assertEquals(
          401,
          postApplication(in, revoked.getKey(), "old-root", "R-LEGACY-2"),
          "revoked stays revoked");
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  upgraded
                          .dashboardHttp()
                          .get("/api/v1/agencies/old-root/deadlines", legacy.getKey())
                          .status()
                      == 200);
      final String keyId =
          SigningKeyFiles.readPrivate(upgraded.dataDir().resolve("record-signing.key")).keyId();
      final List<ConsumerRecord<byte[], byte[]>> tokens =
          TestHttp.readAll(upgraded.bootstrapServers(), Topics.TOKENS.name());
      assertEquals(5, tokens.size(), "3 unsigned, then the 2 live ones re-written signed");
      assertEquals(
          List.of("legacy1", "legacy2"),
          tokens.subList(3, 5).stream()
              .map(c -> new String(c.key(), StandardCharsets.UTF_8))
              .toList());
      tokens.subList(3, 5).forEach(c -> assertEquals(keyId, RecordSignatures.keyIdOf(c.headers())));
      assertEquals(
          List.of(true),
          tokens.subList(4, 5).stream()
              .map(c -> new String(c.value(), StandardCharsets.UTF_8).contains("\"revoked\":true"))
              .toList(),
          "the same value, re-signed");
      assertEquals(0, upgraded.ingest.refusedSignatures());

      // idempotent: a restart writes nothing more, and the dashboard rebuilt from Kafka still knows
      // the tokens
      final long offsets = TestHttp.endOffsets(upgraded.bootstrapServers());
      upgraded.restartIngest();
      upgraded.restartDashboard();
      assertEquals(offsets, TestHttp.endOffsets(upgraded.bootstrapServers()));
      assertEquals(
          0, upgraded.dashboard.refusedSignatures(), "records below the mark pass unsigned");
      assertEquals(
          200,
          upgraded
              .dashboardHttp()
              .get("/api/v1/agencies/old-root/deadlines", legacy.getKey())
              .status());
      assertEquals(
          401,
          upgraded
              .dashboardHttp()
              .get("/api/v1/agencies/old-root/deadlines", revoked.getKey())
              .status());
      assertTrue(upgraded.dashboardHttp().get("/api/v1/agencies", null).body().contains("旧机关"));
    }
  }
}
