package io.switchboard.credential.validation;

import io.switchboard.contracts.Vendor;
import java.util.Map;

/**
 * Checks a connection against its vendor: reachability, authentication, zone/codebase discovery, then a
 * permission probe mapped to the setup guide's permission tables. One CDI bean per vendor; the vendor clients
 * that implement these live in {@code connectors} (not built yet), so today none is present and the service says
 * so instead of pretending (validation state {@code not-run}, 501 on {@code /test}).
 */
public interface ConnectionValidator {

    Vendor vendor();

    /**
     * @param settings the non-secret fields
     * @param secrets  the decrypted secret fields; must not be logged or kept
     */
    ValidationReport validate(Map<String, String> settings, Map<String, String> secrets);
}
