package io.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.connectors.http.Json;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.ingest.service.EndpointTokens;
import io.switchboard.ingest.support.Connections;
import io.switchboard.ingest.support.Deliveries;
import io.switchboard.ingest.support.Http;
import io.switchboard.ingest.support.Sandbox;
import io.switchboard.ingest.support.SharedBrokerProfile;
import io.switchboard.ingest.support.Topics;
import io.switchboard.infra.QuarkusService;
import io.switchboard.ingest.verification.AutotaskSignature;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind, against real registered endpoints: each case gets the right status as problem+json, and
 * nothing reaches Kafka (the end offsets of both topics do not move). Afterwards the service still publishes.
 */
@QuarkusTest
@TestProfile(SharedBrokerProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {

    private static final long MIB = 1 << 20;

    private static Connections.Registered autotask;
    private static Connections.Registered manage;
    private static String secret;
    private static String signingKey;
    private static ObjectNode manageTemplate;
    private static byte[] accepted;

    /** One bad request and the status it must get. */
    record Case(String name, int status, Supplier<HttpResponse<String>> request) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    @BeforeAll
    static void registerEndpoints() {
        Sandbox.reset();
        autotask = Connections.autotask();
        manage = Connections.manage();
        secret = Connections.webhookSecret(autotask.connectionId());
        // one real Manage callback gives the signing key's URL; the key is fetched as Manage clients do
        long ticket = Sandbox.manage().listAll("service/tickets", io.switchboard.connectors.manage.ManageQuery.all().pageSize(1))
                .get(0).path("id").asLong();
        Sandbox.manageUpdateTicket(Sandbox.manageTechnician(), ticket, Json.MAPPER.createObjectNode().put("summary", "bad input setup"));
        RawWebhook raw = await().atMost(Duration.ofSeconds(60)).until(() -> Topics.events(TopicCatalogue.RAW_WEBHOOKS,
                manage.connectionId()).stream().map(e -> e.data(RawWebhook.class)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        manageTemplate = (ObjectNode) Sandbox.read(raw.body());
        signingKey = Sandbox.read(QuarkusService.httpGet(manageTemplate.path("Metadata").path("key_url").asText()).orElseThrow())
                .path("signing_key").asText();
        accepted = Deliveries.callout(4711, UUID.randomUUID().toString(), 1, Instant.now()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> first = Deliveries.post(Deliveries.autotaskUrl(autotask.token()),
                Deliveries.autotaskHeaders(accepted, secret), accepted);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    }

    @AfterAll
    static void removeConnections() {
        Connections.remove(autotask.connectionId(), Vendor.AUTOTASK);
        Connections.remove(manage.connectionId(), Vendor.CONNECTWISE_MANAGE);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedAndPublishesNothing(Case bad) {
        long tickets = Topics.endOffsets(TopicCatalogue.TICKET_EVENTS);
        long raw = Topics.endOffsets(TopicCatalogue.RAW_WEBHOOKS);

        HttpResponse<String> response = bad.request().get();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
        if (bad.status() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Sandbox.read(response.body()).path("status").asInt()).isEqualTo(bad.status());
        }
        assertThat(Topics.endOffsets(TopicCatalogue.TICKET_EVENTS)).as("ticket events written").isEqualTo(tickets);
        assertThat(Topics.endOffsets(TopicCatalogue.RAW_WEBHOOKS)).as("raw webhooks written").isEqualTo(raw);
    }

    @Order(2)
    @Test
    void theServiceStillPublishesAfterwards() {
        HttpResponse<String> response = Deliveries.autotask(autotask.token(), secret,
                Deliveries.callout(4712, UUID.randomUUID().toString(), 1, Instant.now()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Topics.events(TopicCatalogue.TICKET_EVENTS, autotask.connectionId()))
                .extracting(CloudEvent::subject).containsExactlyInAnyOrder("4711", "4712");
    }

    /**
     * The size limit is the body's, not Kafka's default message size: a body of exactly 1 MiB full of characters that
     * JSON escapes again in the raw record (which carries the body as a string) is accepted and lands whole.
     */
    @Order(3)
    @Test
    void aBodyOfExactlyOneMebibyteIsAccepted() {
        String callout = Deliveries.callout(4713, UUID.randomUUID().toString(), 1, Instant.now());
        String head = callout.replace("\"Fields\":{", "\"Fields\":{\"Description\":\"");
        int split = head.indexOf("\"Description\":\"") + "\"Description\":\"".length();
        String prefix = head.substring(0, split);
        String suffix = "\"," + head.substring(split);
        StringBuilder pad = new StringBuilder();
        while (prefix.length() + pad.length() + suffix.length() + 2 <= MIB) {
            pad.append("\\\"");
        }
        while (prefix.length() + pad.length() + suffix.length() < MIB) {
            pad.append('x');
        }
        byte[] body = bytes(prefix + pad + suffix);
        assertThat(body).hasSize((int) MIB);

        HttpResponse<String> response = Deliveries.post(Deliveries.autotaskUrl(autotask.token()),
                Deliveries.autotaskHeaders(body, secret), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> Topics.events(TopicCatalogue.RAW_WEBHOOKS,
                        autotask.connectionId()).stream().map(e -> e.data(RawWebhook.class).body())
                .filter(b -> b.length() == MIB).findFirst(), java.util.Optional::isPresent)).hasValue(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * A webhook refused before its body is read is answered while the client is still sending. The answer must reach
     * the client every time, on one pooled client as vendors use: closing a connection with unread bytes resets it,
     * and a client that reuses a connection the service is about to close gets no answer at all.
     */
    @Order(4)
    @Test
    void everyRefusalBeforeTheBodyIsReadReachesTheClient() {
        String at = Deliveries.autotaskUrl(autotask.token());
        byte[] valid = padded(64 * 1024);
        byte[] declared = padded(MIB + 1);
        byte[] chunked = padded(2 * MIB);
        for (int i = 0; i < 100; i++) {
            assertThat(Deliveries.post(Deliveries.autotaskUrl(EndpointTokens.generate()),
                    Deliveries.autotaskHeaders(valid, secret), valid).statusCode()).as("unknown token, attempt %d", i).isEqualTo(404);
            assertThat(Deliveries.post(at, Deliveries.autotaskHeaders(declared, secret), declared).statusCode())
                    .as("declared length, attempt %d", i).isEqualTo(413);
            assertThat(Deliveries.postChunked(at, Deliveries.autotaskHeaders(chunked, secret), chunked).statusCode())
                    .as("chunked, attempt %d", i).isEqualTo(413);
        }
    }

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        String at = Deliveries.autotaskUrl(autotask.token());
        String valid = Deliveries.callout(1001, UUID.randomUUID().toString(), 7, Instant.now());
        byte[] validBytes = bytes(valid);

        // the endpoint itself
        cases.add(new Case("unknown token", 404, () -> signed(Deliveries.autotaskUrl(EndpointTokens.generate()), valid)));
        cases.add(new Case("token too short", 404, () -> signed(Deliveries.autotaskUrl("abc"), valid)));
        cases.add(new Case("token with a foreign character", 404,
                () -> signed(Deliveries.autotaskUrl(autotask.token().substring(1) + "."), valid)));
        cases.add(new Case("Manage token on the Autotask path", 404, () -> signed(Deliveries.autotaskUrl(manage.token()), valid)));
        cases.add(new Case("Autotask token on the Manage path", 404, () -> signed(Deliveries.manageUrl(autotask.token()), valid)));
        cases.add(new Case("GET", 405, () -> Http.send("GET", at, Map.of(), null)));
        cases.add(new Case("PUT", 405, () -> Http.send("PUT", at, Deliveries.autotaskHeaders(validBytes, secret), validBytes)));
        cases.add(new Case("DELETE", 405, () -> Http.send("DELETE", at, Map.of(), null)));

        // content type and size
        cases.add(new Case("no content type", 415, () -> Deliveries.post(at, withHeader(validBytes, "Content-Type", null), validBytes)));
        cases.add(new Case("text/plain", 415, () -> Deliveries.post(at, withHeader(validBytes, "Content-Type", "text/plain"), validBytes)));
        cases.add(new Case("application/xml", 415,
                () -> Deliveries.post(at, withHeader(validBytes, "Content-Type", "application/xml"), validBytes)));
        cases.add(new Case("form encoded", 415,
                () -> Deliveries.post(at, withHeader(validBytes, "Content-Type", "application/x-www-form-urlencoded"), validBytes)));
        cases.add(new Case("JSON in Latin-1", 415,
                () -> Deliveries.post(at, withHeader(validBytes, "Content-Type", "application/json; charset=ISO-8859-1"), validBytes)));
        cases.add(new Case("body over 1 MiB", 413, () -> {
            byte[] big = padded(MIB + 1);
            return Deliveries.post(at, Deliveries.autotaskHeaders(big, secret), big);
        }));
        cases.add(new Case("chunked body over 1 MiB", 413, () -> {
            byte[] big = padded(2 * MIB);
            return Deliveries.postChunked(at, Deliveries.autotaskHeaders(big, secret), big);
        }));

        // signatures
        cases.add(new Case("no signature", 401, () -> Deliveries.post(at, withHeader(validBytes, AutotaskSignature.HEADER, null), validBytes)));
        cases.add(new Case("empty signature", 401, () -> Deliveries.post(at, withHeader(validBytes, AutotaskSignature.HEADER, ""), validBytes)));
        cases.add(new Case("signed with another secret", 401,
                () -> Deliveries.post(at, Deliveries.autotaskHeaders(validBytes, secret + "x"), validBytes)));
        cases.add(new Case("signature without sha1=", 401, () -> Deliveries.post(at, withHeader(validBytes, AutotaskSignature.HEADER,
                AutotaskSignature.header(validBytes, secret).substring(5)), validBytes)));
        cases.add(new Case("sha256= signature", 401, () -> Deliveries.post(at, withHeader(validBytes, AutotaskSignature.HEADER,
                "sha256=" + AutotaskSignature.header(validBytes, secret).substring(5)), validBytes)));
        cases.add(new Case("signature not base64", 401,
                () -> Deliveries.post(at, withHeader(validBytes, AutotaskSignature.HEADER, "sha1=%%%not-base64%%%"), validBytes)));
        cases.add(new Case("body changed after signing", 401, () -> {
            byte[] tampered = bytes(valid.replace("\"Status\":\"5\"", "\"Status\":\"6\""));
            return Deliveries.post(at, Deliveries.autotaskHeaders(validBytes, secret), tampered);
        }));
        cases.add(new Case("body re-serialized without Autotask's escapes", 401, () -> {
            byte[] unescaped = bytes(valid.replace("\\u00E9", "\u00e9"));
            return Deliveries.post(at, Deliveries.autotaskHeaders(validBytes, secret), unescaped);
        }));

        // signed, but not JSON we can read
        cases.add(new Case("empty body", 400, () -> signed(at, "")));
        cases.add(new Case("truncated JSON", 400, () -> signed(at, valid.substring(0, valid.length() / 2))));
        cases.add(new Case("JSON array", 400, () -> signed(at, "[" + valid + "]")));
        cases.add(new Case("JSON string", 400, () -> signed(at, "\"Ticket\"")));
        cases.add(new Case("trailing garbage", 400, () -> signed(at, valid + "{}")));
        cases.add(new Case("duplicate key", 400, () -> signed(at, valid.replace("{\"Action\":\"Update\",", "{\"Action\":\"Update\",\"Action\":\"Delete\","))));
        cases.add(new Case("invalid UTF-8", 400, () -> {
            byte[] body = bytes(valid.replace("Printer", "Printer__"));
            int at2 = new String(body, StandardCharsets.ISO_8859_1).indexOf("__");
            body[at2] = (byte) 0xC3;
            body[at2 + 1] = (byte) 0x28;
            return Deliveries.post(at, Deliveries.autotaskHeaders(body, secret), body);
        }));
        cases.add(new Case("nesting 1000 deep", 400, () -> signed(at, valid.replace("\"Fields\":{", "\"Deep\":" + "[".repeat(1000)
                + "]".repeat(1000) + ",\"Fields\":{"))));
        cases.add(new Case("NaN", 400, () -> signed(at, valid.replace("\"SequenceNumber\":7", "\"SequenceNumber\":NaN"))));
        cases.add(new Case("single quotes", 400, () -> signed(at, valid.replace("\"Action\":\"Update\"", "'Action':'Update'"))));

        // signed JSON that is no usable ticket event
        cases.add(new Case("lone surrogate in the title", 422, () -> signed(at, valid.replace("Printer \\u00E9", "Printer \\uD800"))));
        cases.add(new Case("no Id", 422, () -> signed(at, valid.replace("\"Id\":1001,", ""))));
        cases.add(new Case("Id not a number", 422, () -> signed(at, valid.replace("\"Id\":1001", "\"Id\":\"10:01\""))));
        cases.add(new Case("no Guid", 422, () -> signed(at, valid.replaceFirst("\"Guid\":\"[^\"]+\",", ""))));
        cases.add(new Case("no SequenceNumber", 422, () -> signed(at, valid.replace(",\"SequenceNumber\":7", ""))));
        cases.add(new Case("no EventTime", 422, () -> signed(at, valid.replaceFirst(",\"EventTime\":\"[^\"]+\"", ""))));
        cases.add(new Case("EventTime not a date", 422, () -> signed(at, valid.replaceFirst("\"EventTime\":\"[^\"]+\"", "\"EventTime\":\"yesterday\""))));
        cases.add(new Case("unknown Action", 422, () -> signed(at, valid.replace("\"Action\":\"Update\"", "\"Action\":\"Archive\""))));
        cases.add(new Case("no EntityType", 422, () -> signed(at, valid.replace("\"EntityType\":\"Ticket\",", ""))));
        cases.add(new Case("Fields is a list", 422, () -> signed(at, valid.replaceFirst("\"Fields\":\\{[^}]*}", "\"Fields\":[1,2]"))));
        cases.add(new Case("older than the deduplication window", 422,
                () -> signed(at, Deliveries.callout(1001, UUID.randomUUID().toString(), 8, Instant.now().minus(Duration.ofDays(8))))));
        cases.add(new Case("another entity type (accepted, not published)", 202,
                () -> signed(at, valid.replace("\"EntityType\":\"Ticket\"", "\"EntityType\":\"Company\""))));
        cases.add(new Case("replay of an accepted callout (acknowledged, not published again)", 200,
                () -> Deliveries.post(at, Deliveries.autotaskHeaders(accepted, secret), accepted)));
        cases.add(new Case("deactivation notice with a bad signature", 401, () -> Deliveries.post(at + "/deactivated",
                Deliveries.autotaskHeaders(bytes("{\"Action\":\"Deactivated\"}"), secret + "x"), bytes("{\"Action\":\"Deactivated\"}"))));
        cases.add(new Case("deactivation notice as text/plain", 415, () -> Deliveries.post(at + "/deactivated",
                Map.of("Content-Type", "text/plain"), bytes("{\"Action\":\"Deactivated\"}"))));

        // Manage
        String mt = Deliveries.manageUrl(manage.token());
        String site = Sandbox.env("MANAGE_SITE_URL");
        URI siteUri = URI.create(site);
        String keyUrl = manageTemplate.path("Metadata").path("key_url").asText();
        cases.add(new Case("Manage: no signature", 401, () -> {
            byte[] body = manageBody(t -> { });
            return Deliveries.post(mt, Map.of("Content-Type", "application/json"), body);
        }));
        cases.add(new Case("Manage: signed with another key", 401, () -> {
            byte[] body = manageBody(t -> t.put("Action", "updated"));
            return Deliveries.post(mt, Deliveries.manageHeaders(body, signingKey + "x"), body);
        }));
        cases.add(new Case("Manage: key_url on a metadata address", 401,
                () -> manageSigned(mt, t -> t.with("Metadata").put("key_url", "http://169.254.169.254/latest/meta-data/"))));
        cases.add(new Case("Manage: key_url on another port of the site's host", 401, () -> manageSigned(mt, t ->
                t.with("Metadata").put("key_url", keyUrl.replace(":" + siteUri.getPort(), ":" + (siteUri.getPort() + 1))))));
        cases.add(new Case("Manage: key_url over another scheme", 401,
                () -> manageSigned(mt, t -> t.with("Metadata").put("key_url", keyUrl.replaceFirst("^http:", "https:")))));
        cases.add(new Case("Manage: key_url with user info", 401,
                () -> manageSigned(mt, t -> t.with("Metadata").put("key_url", keyUrl.replace("://", "://admin@")))));
        cases.add(new Case("Manage: key_url outside the callback key path", 401,
                () -> manageSigned(mt, t -> t.with("Metadata").put("key_url", site + "/v4_6_release/apis/3.0/system/info"))));
        cases.add(new Case("Manage: unknown key id", 401, () -> manageSigned(mt, t ->
                t.with("Metadata").put("key_url", keyUrl.replaceFirst("id=[^&]+", "id=" + UUID.randomUUID())))));
        cases.add(new Case("Manage: no Metadata", 401, () -> manageSigned(mt, t -> t.remove("Metadata"))));
        cases.add(new Case("Manage: malformed JSON", 400, () -> {
            byte[] body = bytes("{\"Type\":\"ticket\",");
            return Deliveries.post(mt, Deliveries.manageHeaders(body, signingKey), body);
        }));
        cases.add(new Case("Manage: Entity is not a string", 422, () -> manageSigned(mt, t -> t.putObject("Entity").put("id", 1))));
        cases.add(new Case("Manage: Entity is not JSON", 422, () -> manageSigned(mt, t -> t.put("Entity", "{not json"))));
        cases.add(new Case("Manage: no ID", 422, () -> manageSigned(mt, t -> t.remove("ID"))));
        cases.add(new Case("Manage: unknown Action", 422, () -> manageSigned(mt, t -> t.put("Action", "archived"))));
        cases.add(new Case("Manage: a contact callback (accepted, not published)", 202, () -> manageSigned(mt, t -> t.put("Type", "contact"))));
        return cases.stream();
    }

    private static HttpResponse<String> signed(String url, String body) {
        byte[] bytes = bytes(body);
        return Deliveries.post(url, Deliveries.autotaskHeaders(bytes, secret), bytes);
    }

    private static byte[] manageBody(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode body = manageTemplate.deepCopy();
        body.put("MessageId", UUID.randomUUID().toString());
        change.accept(body);
        return bytes(body.toString());
    }

    private static HttpResponse<String> manageSigned(String url, java.util.function.Consumer<ObjectNode> change) {
        byte[] body = manageBody(change);
        return Deliveries.post(url, Deliveries.manageHeaders(body, signingKey), body);
    }

    private static Map<String, String> withHeader(byte[] body, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(Deliveries.autotaskHeaders(body, secret));
        headers.remove(name);
        if (value != null) {
            headers.put(name, value);
        }
        return headers;
    }

    private static byte[] padded(long size) {
        byte[] body = new byte[(int) size];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
