package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.contracts.EventJson;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.testsupport.SandboxDemoTenant;
import io.switchboard.testsupport.Tokens;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * The webhook ingest benchmark (issue 5), against the running local platform ({@code ./switchboard up}), in one
 * run on its one broker:
 * <ol>
 *   <li>registers N Autotask connections through credential-service, the way an MSP admin would; the ingest
 *       service registers a webhook for each at the sandbox, with its own path token and secret;</li>
 *   <li>(b) wrk at full rate for the given seconds over all N webhooks and many tickets: accepted/s, p50/p99, non-2xx;</li>
 *   <li>(c) an open-loop run at a fixed rate: p50/p99/p99.9 measured from each request's due time;</li>
 *   <li>checks that {@code tickets.events.v1} holds exactly one event per accepted webhook;</li>
 *   <li>(a) Kafka's ProducerPerformance (acks=all, idempotent) with the mean record size just observed;</li>
 *   <li>removes the run's rows from the deduplication table ({@link IngestDatabase}).</li>
 * </ol>
 * Prints its figures; asserts nothing about speed.
 */
public final class IngestBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String CONNECTION_NAME_PREFIX = "bench ";
    private static final Pattern WRK_RESULT = Pattern.compile(
            "WRK_RESULT accepted=(\\d+) non2xx=(\\d+) socket_errors=(\\d+) seconds=([\\d.]+) p50_us=(\\d+) p99_us=(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> env = System.getenv();
    private final String sandboxUrl = setting("SANDBOX_URL", "http://127.0.0.1:18080");
    private final String credentialsUrl = setting("CREDENTIALS_URL", "http://127.0.0.1:18081");
    private final String ingestUrl = setting("INGEST_URL", "http://127.0.0.1:18082");
    private final String realmUrl = setting("KEYCLOAK_REALM_URL", "http://127.0.0.1:18180/realms/switchboard");
    private final String bootstrap = setting("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    private final Path root = Path.of(setting("SWITCHBOARD_ROOT", ".")).toAbsolutePath().normalize();
    private final Path runDir = root.resolve(setting("SWITCHBOARD_RUN_DIR", ".run"));

    /** Sequence numbers of a run start here; each run takes 10^11 of them (wrk threads take 10^9 each). */
    private long sequenceBase = (System.currentTimeMillis() / 1_000 % 10_000) * 100_000_000_000L;

    private long nextSequenceBase() {
        sequenceBase += 100_000_000_000L;
        return sequenceBase;
    }

    public static void main(String[] args) throws Exception {
        new IngestBenchmark().run();
    }

    private String setting(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private int intSetting(String name, int fallback) {
        return Integer.parseInt(setting(name, String.valueOf(fallback)));
    }

    private void run() throws Exception {
        int connections = intSetting("BENCH_CONNECTIONS", 128);
        int seconds = intSetting("BENCH_SECONDS", 60);
        int rate = intSetting("BENCH_RATE", 1_000);
        int openLoopSeconds = intSetting("BENCH_OPEN_LOOP_SECONDS", 30);
        String topic = TopicCatalogue.TICKET_EVENTS;

        List<String> connectionIds = new ArrayList<>();
        try {
            measure(registerConnections(connections, connectionIds), connections, seconds, rate, openLoopSeconds, topic);
        } finally {
            removeConnections(connectionIds);
        }
    }

    private void measure(List<CalloutTarget> targets, int connections, int seconds, int rate, int openLoopSeconds,
                         String topic) throws Exception {
        OUT.printf("setup: %d Autotask connections, each with its own webhook at %s%n", targets.size(), ingestUrl);
        IngestDatabase database = new IngestDatabase("127.0.0.1", intSetting("POSTGRES_PORT", 15432));
        Path targetsFile = Files.createTempFile("bench-targets", ".tsv");
        Files.write(targetsFile, targets.stream().map(CalloutTarget::line).toList());

        try (TopicAudit audit = new TopicAudit(bootstrap, topic)) {
            // A just started JVM compiles its hot paths first. Under full load on 2 cores the compiler falls behind
            // (its thread had used as much CPU as both event loops), so the warm-up runs at the fixed rate, which
            // leaves it a core; code still waiting for its optimized version would make (b) measure the compiler.
            int warmUp = intSetting("BENCH_WARMUP_SECONDS", 60);
            Map<TopicPartition, Long> runStart = audit.endOffsets();
            if (warmUp > 0) {
                OpenLoopSender.Result warm = new OpenLoopSender(ingestUrl, targets)
                        .run(rate, Duration.ZERO, Duration.ofSeconds(warmUp), nextSequenceBase());
                OUT.printf("warm-up: open loop %d/s for %d s, accepted %d of %d, p99 %.2f ms; slowest answer per second, ms: %s%n",
                        rate, warmUp, warm.accepted(), warm.sent(), warm.latencyMicros().getValueAtPercentile(99) / 1000.0,
                        Arrays.toString(warm.slowestPerSecond()));
            }
            // The load of (b) takes paths the fixed rate barely did (full claim batches, full produce requests): the
            // compiler had a sixth of the service's CPU in (b)'s first 30 s. An unmeasured stretch at full rate lets it
            // finish; its last answers land before the start line is drawn.
            int fullRateWarmUp = intSetting("BENCH_FULL_RATE_WARMUP_SECONDS", 20);
            if (fullRateWarmUp > 0) {
                Matcher warm = runWrk(targetsFile, fullRateWarmUp, connections);
                OUT.printf("warm-up: wrk at full rate for %d s, accepted %.0f webhooks/s%n", fullRateWarmUp,
                        Long.parseLong(warm.group(1)) / Double.parseDouble(warm.group(4)));
                Thread.sleep(2_000);
            }
            Map<TopicPartition, Long> start = audit.endOffsets();

            // (b) closed loop, full rate
            List<Long> postgres = database.serverProcess();
            // wrk is this JVM's only child: its time is counted once it ended
            CpuMeter cpu = new CpuMeter(platformAnd(postgres, CpuMeter.Component.endedChildren("wrk")));
            cpu.start();
            Matcher wrk = runWrk(targetsFile, seconds, connections);
            long wrkAccepted = Long.parseLong(wrk.group(1));
            double wrkSeconds = Double.parseDouble(wrk.group(4));
            Map<String, Double> cpuPerWebhook = cpu.microsPerWebhook(wrkAccepted);
            OUT.printf("(b) wrk %d s, %d connections: accepted %.0f webhooks/s, p50 %.2f ms, p99 %.2f ms, non-2xx %s,"
                            + " socket errors %s%n", seconds, connections, wrkAccepted / wrkSeconds,
                    Long.parseLong(wrk.group(5)) / 1000.0, Long.parseLong(wrk.group(6)) / 1000.0, wrk.group(2), wrk.group(3));
            OUT.printf("    CPU per accepted webhook in (b), µs: %s%n", describe(cpuPerWebhook));

            // (c) open loop, fixed rate; sequences above wrk's per-thread ranges keep event ids unique
            int openLoopWarmUp = intSetting("BENCH_OPEN_LOOP_WARMUP_SECONDS", 10);
            // at a fixed rate each webhook pays the wake-ups that full load shares: the CPU per webhook, and where in
            // the service the slow answers arose, tell the service's share of the tail from the machine's
            CpuMeter openLoopCpu = new CpuMeter(platformAnd(postgres,
                    CpuMeter.Component.processes("load generator (this JVM)", () -> List.of(ProcessHandle.current().pid()))));
            ServiceLatency serviceLatency = new ServiceLatency(ingestUrl);
            AtomicReference<Optional<ServiceLatency.Snapshot>> openLoopStart = new AtomicReference<>(Optional.empty());
            OpenLoopSender.Result open = new OpenLoopSender(ingestUrl, targets)
                    .run(rate, Duration.ofSeconds(openLoopWarmUp), Duration.ofSeconds(openLoopSeconds), nextSequenceBase(), () -> {
                        openLoopCpu.start();
                        openLoopStart.set(serviceLatency.snapshot());
                    });
            Map<String, Double> openLoopCpuPerWebhook = openLoopCpu.microsPerWebhook((long) rate * openLoopSeconds);
            Optional<ServiceLatency.Snapshot> openLoopEnd = serviceLatency.snapshot();
            OUT.printf("(c) open loop %d/s for %d s (after %d s unmeasured): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms;"
                            + " accepted %d of %d, non-2xx %d, failed %d%n", rate, openLoopSeconds, openLoopWarmUp,
                    open.latencyMicros().getValueAtPercentile(50) / 1000.0,
                    open.latencyMicros().getValueAtPercentile(99) / 1000.0,
                    open.latencyMicros().getValueAtPercentile(99.9) / 1000.0,
                    open.latencyMicros().getMaxValue() / 1000.0,
                    open.accepted(), open.sent(), open.non2xx(), open.failed());
            OUT.printf("    slowest answer per second of (c), ms: %s%n", Arrays.toString(open.slowestPerSecond()));
            OUT.printf("    the machine meanwhile, a thread sleeping 1 ms at a time: %s%n",
                    WakeUpLateness.describe(open.wakeUpLatenessMicros()));
            OUT.printf("    CPU per webhook in (c), µs: %s%n", describe(openLoopCpuPerWebhook));
            ServiceLatency.describe(openLoopStart.get(), openLoopEnd)
                    .forEach(line -> OUT.printf("    inside the service, %s%n", line));

            // wrk stops its clock with requests in flight, and the open-loop sender gives up on answers after a timeout:
            // the service may still have accepted those, so the topic may hold up to that many events more than were
            // counted as accepted; it must never hold a duplicate or miss an accepted one
            Thread.sleep(2_000);
            TopicAudit.Counts counts = audit.countSince(start);
            long accepted = wrkAccepted + open.accepted();
            long unanswered = connections + open.sent() - open.accepted() - open.non2xx();
            long uncounted = counts.distinctIds() - accepted;
            boolean exactlyOnce = counts.duplicates() == 0 && uncounted >= 0 && uncounted <= unanswered;
            OUT.printf("topic %s: %d events, %d distinct ids, %d accepted by the load generators (+%d of at most %d"
                            + " requests whose answer was not counted) -> %s%n", topic, counts.records(), counts.distinctIds(),
                    accepted, uncounted, unanswered, exactlyOnce ? "exactly one event per accepted webhook" : "MISMATCH");

            // (a) the broker's ceiling for the same record size
            int partitions = start.size();
            ProducerPerf.Result raw = new ProducerPerf(bootstrap, root.resolve("infra-runtime/target/kafka-broker.classpath"))
                    .run(partitions, (int) Math.round(counts.meanValueBytes()), 2_000_000);
            OUT.printf("(a) ProducerPerformance, %d-byte records, %d partitions, acks=all, idempotent: %.0f records/s%n",
                    Math.round(counts.meanValueBytes()), partitions, raw.recordsPerSecond());
            OUT.printf("ingest full path / raw producer = %.4f%n", wrkAccepted / wrkSeconds / raw.recordsPerSecond());
            Set<String> runIds = new HashSet<>(counts.ids());
            runIds.addAll(audit.countBetween(runStart, start).ids());
            OUT.printf("removed the run's %d deduplication rows%n", database.deleteDedupeRows(runIds));
            if (!exactlyOnce) {
                System.exit(1);
            }
        } finally {
            Files.deleteIfExists(targetsFile);
        }
    }

    /** The platform's parts a webhook passes, and the load generator of the step measured. */
    private List<CpuMeter.Component> platformAnd(List<Long> postgres, CpuMeter.Component loadGenerator) {
        return List.of(
                CpuMeter.Component.processes("ingest service", () -> CpuMeter.pidFile(runDir.resolve("pids/webhook-ingest-service.pid"))),
                CpuMeter.Component.processes("Kafka", () -> CpuMeter.pidFile(runDir.resolve("pids/kafka.pid"))),
                CpuMeter.Component.serverWithDescendants("PostgreSQL", () -> postgres),
                loadGenerator);
    }

    private static String describe(Map<String, Double> cpuPerWebhook) {
        return String.join(", ", cpuPerWebhook.entrySet().stream()
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue())).toList());
    }

    /**
     * Creates the connections (as the demo MSP admin) and waits until the ingest service has registered a webhook for
     * each; the sandbox's limits are lifted first, since the real ones (5 webhooks, 3 threads) would stop a load test.
     */
    private List<CalloutTarget> registerConnections(int count, List<String> ids) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/_sandbox/autotask/limits"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"hourlyThreshold\":1000000000,\"threadLimit\":1000000,"
                        + "\"latencyBands\":false,\"maxWebhooks\":" + (count + 16) + "}")), 200);
        Map<String, String> demo = SandboxDemoTenant.parse(send(HttpRequest.newBuilder(
                URI.create(sandboxUrl + "/_sandbox/demo-tenant/env")), 200));
        String admin = adminToken();
        removeLeftovers(admin, demo);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < count; i++) {
            ObjectNode body = EventJson.mapper().createObjectNode()
                    .put("vendor", "autotask")
                    .put("displayName", CONNECTION_NAME_PREFIX + runId + " #" + i);
            body.putObject("settings")
                    .put("username", demo.get("AUTOTASK_USERNAME"))
                    .put("apiMemberId", demo.get("AUTOTASK_API_RESOURCE_ID"))
                    .put("impersonationResourceId", demo.get("AUTOTASK_IMPERSONATION_RESOURCE_ID"))
                    .put("zoneUrl", demo.get("AUTOTASK_API_URL"));
            body.putObject("secrets")
                    .put("secret", demo.get("AUTOTASK_SECRET"))
                    .put("integrationCode", demo.get("AUTOTASK_INTEGRATION_CODE"));
            String created = send(HttpRequest.newBuilder(URI.create(credentialsUrl + "/api/v1/connections"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 201);
            ids.add(EventJson.mapper().readTree(created).path("id").asText());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            List<CalloutTarget> targets = webhooksOf(ids, demo);
            if (targets.size() >= count) {
                return targets;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingest service registered " + targets.size() + " of " + count
                        + " webhooks within 120 s");
            }
            Thread.sleep(1_000);
        }
    }

    /**
     * Connections of an earlier run that was killed before it removed them would hold webhooks, and with them places
     * under the cap this run needs.
     */
    private void removeLeftovers(String admin, Map<String, String> demo) throws IOException, InterruptedException {
        List<String> leftovers = new ArrayList<>();
        for (JsonNode connection : EventJson.mapper().readTree(send(HttpRequest.newBuilder(
                URI.create(credentialsUrl + "/api/v1/connections")).header("Authorization", "Bearer " + admin), 200))) {
            if (connection.path("displayName").asText().startsWith(CONNECTION_NAME_PREFIX)) {
                leftovers.add(connection.path("id").asText());
            }
        }
        if (!leftovers.isEmpty()) {
            removeConnections(leftovers);
            OUT.printf("(those were left by an earlier run that did not finish)%n");
            // the ingest service deletes their webhooks as it learns of the removals
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!webhooksOf(leftovers, demo).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
        }
    }

    /** The connections' active, ready TicketWebhooks (named after the connection), read back from the sandbox's API. */
    private List<CalloutTarget> webhooksOf(List<String> connectionIds, Map<String, String> demo)
            throws IOException, InterruptedException {
        List<CalloutTarget> targets = new ArrayList<>();
        String url = demo.get("AUTOTASK_API_URL").replaceAll("/+$", "") + "/V1.0/TicketWebhooks/query";
        String search = "{\"filter\":[{\"op\":\"eq\",\"field\":\"isActive\",\"value\":true}]}";
        while (url != null) {
            JsonNode page = EventJson.mapper().readTree(send(HttpRequest.newBuilder(URI.create(url))
                    .header("ApiIntegrationCode", demo.get("AUTOTASK_INTEGRATION_CODE"))
                    .header("UserName", demo.get("AUTOTASK_USERNAME"))
                    .header("Secret", demo.get("AUTOTASK_SECRET"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(search)), 200));
            for (JsonNode hook : page.path("items")) {
                String webhookUrl = hook.path("webhookUrl").asText();
                boolean ours = connectionIds.stream().anyMatch(id -> hook.path("name").asText().endsWith(id));
                if (ours && webhookUrl.startsWith(ingestUrl) && hook.path("isReady").asBoolean(true)) {
                    targets.add(new CalloutTarget(webhookUrl.substring(ingestUrl.length()),
                            hook.path("secretKey").asText(), hook.path("webhookGUID").asText()));
                }
            }
            url = Optional.ofNullable(page.path("pageDetails").path("nextPageUrl").textValue()).orElse(null);
        }
        return targets;
    }

    /** The benchmark's connections go again, and with them (through the ingest service) their webhooks. */
    private void removeConnections(List<String> ids) throws IOException, InterruptedException {
        if (ids.isEmpty()) {
            return;
        }
        String admin = adminToken();
        for (String id : ids) {
            send(HttpRequest.newBuilder(URI.create(credentialsUrl + "/api/v1/connections/" + id))
                    .header("Authorization", "Bearer " + admin).DELETE(), 204);
        }
        OUT.printf("removed the benchmark's %d connections%n", ids.size());
    }

    private Matcher runWrk(Path targetsFile, int seconds, int connections) throws IOException, InterruptedException {
        Path script = Files.createTempFile("autotask-callouts", ".lua");
        try (var in = IngestBenchmark.class.getResourceAsStream("autotask-callouts.lua")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder wrk = new ProcessBuilder("wrk", "-t" + setting("BENCH_WRK_THREADS", "2"), "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(), ingestUrl)
                .redirectErrorStream(true);
        wrk.environment().put("TARGETS", targetsFile.toString());
        // distinct per run (and per thread inside the script), below 2^53 where Lua numbers stay exact
        wrk.environment().put("SEQUENCE_BASE", Long.toString(nextSequenceBase()));
        wrk.environment().put("EVENT_TIME", CalloutTarget.eventTimeNow());
        Process process = wrk.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Files.deleteIfExists(script);
        Matcher m = WRK_RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk gave no result:\n" + output);
        }
        return m;
    }

    /** The demo MSP's admin (password = user name in the dev realm), through the public CLI client. */
    private String adminToken() {
        return Tokens.token(realmUrl, Map.of("grant_type", "password", "client_id", "switchboard-cli",
                "username", "demo-admin", "password", "demo-admin"));
    }

    private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }
}
