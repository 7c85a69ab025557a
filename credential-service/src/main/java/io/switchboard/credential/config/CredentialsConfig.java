package io.switchboard.credential.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings under {@code switchboard.credentials}; see application.properties for the environment overrides. */
@ConfigMapping(prefix = "switchboard.credentials")
public interface CredentialsConfig {

    Kek kek();

    UrlPolicy urlPolicy();

    /** Records re-wrapped per transaction by a key rotation: small, so rows are locked only briefly. */
    @WithDefault("50")
    int rotationBatchSize();

    interface Kek {
        /** Version of the key that wraps new data keys; it must be one of {@link #keys()}. */
        int currentVersion();

        /**
         * Key-encryption keys by version, each 32 random bytes in base64. Keep a retired version here until a
         * rotation has re-wrapped every record under the current one.
         */
        Map<String, String> keys();
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
}
