package io.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own ProducerPerformance tool (from the broker's kafka-tools jar) on a scratch topic shaped like the
 * ticket topic: the ceiling any publishing service on this broker can approach.
 */
final class ProducerPerf {

    record Result(double recordsPerSecond, String summary) {
    }

    private static final Pattern FINAL_LINE = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec.*");

    private final String bootstrap;
    private final Path brokerClasspath;

    ProducerPerf(String bootstrap, Path brokerClasspath) {
        this.bootstrap = bootstrap;
        this.brokerClasspath = brokerClasspath;
    }

    Result run(int partitions, int recordSize, long records) throws IOException, InterruptedException {
        String topic = "bench.producer-performance";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            try {
                return runTool(topic, recordSize, records);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        } catch (ExecutionException e) {
            throw new IOException("scratch topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Result runTool(String topic, int recordSize, long records) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-cp",
                Files.readString(brokerClasspath).trim(), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                "enable.idempotence=true", "linger.ms=20", "batch.size=262144"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (FINAL_LINE.matcher(line).matches()) {
                    last = line;
                }
            }
        }
        if (process.waitFor() != 0 || last == null) {
            throw new IOException("ProducerPerformance failed (exit " + process.exitValue() + ")");
        }
        Matcher m = FINAL_LINE.matcher(last);
        m.matches();
        return new Result(Double.parseDouble(m.group(2)), last);
    }
}
