package io.switchboard.credential.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings under {@code switchboard.credentials}; see application.properties for the environment overrides. */
@ConfigMapping(prefix = "switchboard.credentials")
public interface CredentialsConfig {

    Kek kek();

    UrlPolicy urlPolicy();

    Validation validation();

    /** Records re-wrapped per transaction by a key rotation: small, so rows are locked only briefly. */
    @WithDefault("50")
    int rotationBatchSize();

    /**
     * How long a deleted connection's credentials stay readable through the internal API (so webhook-ingest-service
     * can delete the vendor webhook it registered) before the purge deletes the row.
     */
    Duration removedGrace();

    /** How often the purge looks for removed connections past their grace period. */
    @WithDefault("15m")
    Duration removedPurgeInterval();

    interface Kek {
        /** Version of the key that wraps new data keys; it must be one of {@link #keys()}. */
        int currentVersion();

        /**
         * Key-encryption keys by version, each 32 random bytes in base64. Keep a retired version here until a
         * rotation has re-wrapped every record under the current one.
         */
        Map<String, String> keys();

        /**
         * The well-known key the defaults configure for local development. Outside the dev and test profiles the
         * service warns at startup while any configured version uses it.
         */
        Optional<String> developmentKey();
    }

    interface UrlPolicy {
        /**
         * Development only: accept http URLs and private, loopback or link-local hosts. Outside the dev profile
         * these are refused (SSRF guard).
         */
        @WithDefault("false")
        boolean allowPrivateNetworks();

        /**
         * Origins ({@code scheme://host:port}) accepted as they are even when http or private, e.g. the vendor
         * sandbox of the local platform. Empty unless configured.
         */
        Optional<List<String>> allowedOrigins();

        /** Vendor domains (and their subdomains) accepted without a DNS check. */
        @WithDefault("autotask.net,myconnectwise.net,connectwisedev.com,hostedrmm.com")
        List<String> vendorDomains();
    }

    /** Checking a connection against its vendor while the admin waits: every call and the whole check are bounded. */
    interface Validation {
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long one call may wait for the vendor's answer. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Attempts per read: a 429 or a lost connection is retried once, with a short jittered pause. */
        @WithDefault("2")
        int attempts();

        /** The whole validation: no further call is started after this, however fast each answer was. */
        @WithDefault("60s")
        Duration budget();

        /**
         * Autotask's zone discovery root (no authentication); application.properties points it at the vendor sandbox
         * when SANDBOX_URL is set (the local platform).
         */
        URI autotaskDiscoveryUrl();
    }
}
