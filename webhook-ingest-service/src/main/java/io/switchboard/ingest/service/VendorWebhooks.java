package io.switchboard.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The webhook registrations at one vendor account, as the registrar needs them. Calls block (vendor APIs). */
interface VendorWebhooks {

    /** A registration at the vendor: its id, the URL it posts to, whether it is active, and the vendor's record. */
    record Hook(String id, String url, boolean active, JsonNode record) {
    }

    /** The vendor's path segment in our webhook URLs ({@code /webhooks/<segment>/<token>}). */
    String pathSegment();

    /**
     * The connection settings that locate these registrations at the vendor (a Manage site and company). When a
     * connection's settings move it elsewhere, what it registered at the former location is removed there. Empty when
     * registrations follow the account wherever the vendor serves it.
     */
    Map<String, String> location();

    List<Hook> list();

    /** Whether the vendor takes no more registrations when it has {@code registrations} of them. */
    boolean atCapacity(int registrations);

    /** Whether a new registration needs a generated secret (stored in credential-service before it is used). */
    boolean needsSecret();

    /** Creates a registration posting to {@code url}; {@link #complete} finishes it. */
    Hook create(String url, String secret);

    /** Brings an existing registration of ours to the wanted shape (fields, exclusions, flags), and active. */
    void complete(Hook hook);

    void delete(Hook hook);
}
