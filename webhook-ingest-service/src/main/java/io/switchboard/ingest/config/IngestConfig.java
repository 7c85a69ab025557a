package io.switchboard.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings under {@code switchboard.ingest}; every one can be set by environment variable
 * ({@code SWITCHBOARD_INGEST_PUBLIC_BASE_URL}, ...). The defaults run the local platform of {@code ./switchboard up}.
 */
@ConfigMapping(prefix = "switchboard.ingest")
public interface IngestConfig {

    /**
     * The base URL vendors call: webhook URLs are {@code <base>/webhooks/...}. Vendors need it reachable from the
     * internet (Autotask: https on port 443) in production.
     */
    @WithDefault("http://127.0.0.1:18082")
    String publicBaseUrl();

    Http http();

    Kafka kafka();

    Dedupe dedupe();

    Credentials credentials();

    Manage manage();

    Registration registration();

    Endpoints endpoints();

    interface Http {
        /** Largest webhook body accepted; larger ones get 413. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** Every webhook is answered within this time (Autotask gives up after 10 s): 503 if Kafka has not acked by then. */
        @WithDefault("8s")
        Duration responseDeadline();

        /** {@code Retry-After} seconds on a 503. */
        @WithDefault("30")
        int retryAfterSeconds();
    }

    interface Kafka {
        String bootstrapServers();

        /**
         * How long the producer keeps trying a record (across a broker restart) before reporting it failed. Longer
         * than the response deadline on purpose: a record still in flight when the vendor got its 503 is recorded as
         * published if it lands, so the vendor's retry is a duplicate, not a second copy.
         */
        @WithDefault("120s")
        Duration deliveryTimeout();

        /** Bound on a blocking {@code send()} (metadata, full buffer); both are guarded against, this is the backstop. */
        @WithDefault("250ms")
        Duration maxBlock();

        /** Unacknowledged bytes beyond which new webhooks get 503 at once instead of queueing behind a slow broker. */
        @WithDefault("50331648")
        long maxInFlightBytes();

        /**
         * The producer's {@code linger.ms}: how long a record may wait for others to share its produce request. Every
         * webhook waits for its records' acknowledgement, so this adds to each answer; under load, larger requests
         * cost the producer and the broker less CPU per record.
         */
        @WithDefault("0ms")
        Duration linger();

        /**
         * The producer's {@code max.in.flight.requests.per.connection} (1–5 with idempotence). Records that arrive
         * while the allowed requests are out wait for the next one: fewer, larger produce requests under load, no
         * wait at all when the service is quiet.
         */
        @WithDefault("5")
        int maxInFlightRequests();
    }

    interface Dedupe {
        /** How long delivered event ids are remembered; a verified event older than this is refused (422). */
        @WithDefault("7d")
        Duration retention();

        /**
         * How long a claim blocks other claimers of the same event while its records are in flight; longer than
         * {@link Kafka#deliveryTimeout()}, so a claim never expires under a record that may still land.
         */
        @WithDefault("150s")
        Duration lease();

        /** Most claims, releases or settlements written by one statement. */
        @WithDefault("512")
        int batchSize();

        /** Claims waiting for the database (per writer) beyond which new webhooks get 503. */
        @WithDefault("65536")
        int queueCapacity();

        /**
         * Threads writing claims, each with its own connection. One by default: a batch forms while the statement
         * before it runs, and a second writer halved the batches (1.9 events per statement under full load, against
         * 3.4 with one), while PostgreSQL's cost is mostly per statement.
         */
        @WithDefault("1")
        int claimWriters();

        /**
         * Least time from the start of one statement of a writer to the start of its next: what arrives meanwhile
         * joins the next statement. Measured under full load: with 0 (write as soon as the statement before returns)
         * a claim statement carried 3.9 events and PostgreSQL spent 35 µs per webhook; with 2 ms, 9.4 events and
         * 21 µs, and 23 % more webhooks/s. 4 ms gained little more and tripled p99 at 1,000/s. Costs up to this much
         * latency per claim, so a writer keeps it only while busy (a statement's claims and those that arrived while it
         * ran add up to 4 or more): at 1,000/s a claim then took 0.5 instead of 1.6 ms.
         */
        @WithDefault("2ms")
        Duration statementInterval();

        /**
         * Least time between two settlement statements. Nothing waits on a settlement but later deliveries of the
         * same events (which wait in memory, or get 503 on another instance), so under load one statement settles
         * the claim batches of this whole interval instead of one statement following each claim statement.
         */
        @WithDefault("50ms")
        Duration settlementInterval();

        @WithDefault("1h")
        Duration purgeInterval();
    }

    interface Credentials {
        /** credential-service's base URL. */
        @WithDefault("http://127.0.0.1:18081")
        String serviceUrl();

        /** Keycloak's token endpoint for the client-credentials grant. */
        @WithDefault("http://127.0.0.1:18180/realms/switchboard/protocol/openid-connect/token")
        String tokenUrl();

        @WithDefault("webhook-ingest-service")
        String clientId();

        /** The dev realm's secret; production sets its own. */
        @WithDefault("webhook-ingest-service-dev-secret")
        String clientSecret();

        /** How long a webhook secret read from credential-service is used (memory only, never persisted). */
        @WithDefault("5m")
        Duration cacheTtl();

        /**
         * A signature that does not match re-reads the secret, or refetches the Manage signing key (either may have
         * been replaced), at most this often per connection or key.
         */
        @WithDefault("5s")
        Duration minRefresh();

        @WithDefault("5s")
        Duration requestTimeout();
    }

    interface Manage {
        /** How long a signing key fetched from a callback's {@code key_url} is used. */
        @WithDefault("10m")
        Duration signingKeyTtl();

        @WithDefault("3s")
        Duration keyFetchTimeout();
    }

    interface Registration {
        /** Registers and heals vendor webhooks on connection events and periodically. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("15m")
        Duration reconcileInterval();

        /** Where an Autotask zone is looked up when the connection has no {@code zoneUrl}. */
        @WithDefault("https://webservices.autotask.net/atservicesrest/")
        String autotaskDiscoveryUrl();

        /** Autotask's limit of webhooks per database (API security level setting). */
        @WithDefault("5")
        int autotaskMaxWebhooks();
    }

    interface Endpoints {
        /** How often the in-memory copy of the endpoint tokens is reloaded (tokens created or revoked elsewhere). */
        @WithDefault("30s")
        Duration refreshInterval();

        /** How long an unknown token is remembered as unknown before the database is asked again. */
        @WithDefault("10s")
        Duration negativeTtl();
    }
}
