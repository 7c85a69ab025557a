package io.switchboard.connectors.autotask;

import java.util.List;

/** What a refused create with the ImpersonationResourceId header found out; {@code vendorMessages} are Autotask's. */
public record ImpersonationProbe(Outcome outcome, List<String> vendorMessages) {

    public enum Outcome {
        /** the API user may impersonate the resource for the entity */
        GRANTED,
        /** the security level's Resource Impersonation section lacks the entity */
        IMPERSONATION_DENIED,
        /** the API user may not create the entity at all, so impersonation for it is moot */
        ENTITY_DENIED,
        /** the resource cannot be impersonated: unknown or inactive, API-only, or not allowed by its security level */
        RESOURCE_REFUSED,
        /** an error that says nothing about impersonation */
        INCONCLUSIVE
    }

    /** Autotask's words joined, or null when it had none to say. */
    public String vendorError() {
        return vendorMessages.isEmpty() ? null : String.join(" ", vendorMessages);
    }
}
