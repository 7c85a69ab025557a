package io.switchboard.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.SandboxDemoTenant;
import io.switchboard.sandbox.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The unmodified npm clients (@apigrate/autotask-restapi, connectwise-rest) against the running sandbox. */
@QuarkusTest
class NpmClientsTest {
    private static final Path SRC = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/node-clients");

    @Test
    void publicClientsWorkUnchanged() throws Exception {
        Assumptions.assumeTrue(onPath("npm") && onPath("node"), "node and npm are needed for this test");
        given().post("/_sandbox/reset").then().statusCode(200);
        Files.createDirectories(WORK);
        boolean lockChanged = !Files.exists(WORK.resolve("package-lock.json"))
                || Files.mismatch(SRC.resolve("package-lock.json"), WORK.resolve("package-lock.json")) >= 0;
        for (String f : List.of("package.json", "package-lock.json", "clients.cjs")) {
            Files.copy(SRC.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (lockChanged || !Files.isDirectory(WORK.resolve("node_modules"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of()).exitCode, "npm ci failed");
        }
        Map<String, String> env = SandboxDemoTenant.parse(given().get("/_sandbox/demo-tenant/env").then().statusCode(200).extract().asString());
        env.put("NODE_EXTRA_CA_CERTS", env.get("SANDBOX_CA_FILE"));
        Result r = run(List.of("node", "clients.cjs"), env);
        assertEquals(0, r.exitCode, r.output);
        String last = r.output.lines().reduce((a, b) -> b).orElse("{}");
        JsonNode out = Json.parse(last);
        assertEquals(400, out.at("/autotask/tickets").asInt());
        assertTrue(out.at("/autotask/zone").asText().endsWith("/ATServicesRest/"));
        assertTrue(out.at("/manage/openTickets").asInt() > 0);
        assertEquals("250", out.at("/automate/externalId").asText());
        assertTrue(out.at("/automate/groupId").asLong() > 0);
        given().get("/_sandbox/write-log").then().statusCode(200)
                .body("find { it.vendor == 'autotask' }.as", org.hamcrest.Matchers.equalTo("29682801"))
                .body("find { it.vendor == 'manage' }.by", org.hamcrest.Matchers.equalTo("switchboard_api"));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(WORK.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroy();
            return new Result(-1, out);
        }
        return new Result(p.exitValue(), out);
    }

    private static boolean onPath(String exe) {
        return System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }
}
