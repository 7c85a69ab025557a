package io.switchboard.credential.validation;

import io.switchboard.contracts.Vendor;
import java.util.Map;

/**
 * Checks a connection against its vendor: reachability, authentication, zone/codebase discovery, then a permission
 * probe mapped to the setup guide's permission tables ({@code /work/coord/permission-spec.md} gives the catalogue).
 * One CDI bean per vendor; the vendor calls themselves live in {@code connectors}.
 */
public interface ConnectionValidator {

    Vendor vendor();

    /**
     * Never throws for what the vendor answers (or does not): the report classifies it.
     *
     * @param settings the non-secret fields
     * @param secrets  the decrypted secret fields; must not be logged or kept
     */
    ValidationReport validate(Map<String, String> settings, Map<String, String> secrets);
}
