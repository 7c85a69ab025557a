package io.switchboard.ingest.persistence;

import io.switchboard.contracts.Vendor;
import io.switchboard.ingest.normalize.WebhookConnection;

/**
 * What a webhook path token stands for.
 *
 * @param manageSiteUrl the connection's Manage site ({@code siteUrl}); callback signing keys are fetched only from
 *                      there. Null for other vendors.
 */
public record Endpoint(String tenant, String connectionId, Vendor vendor, String manageSiteUrl) {

    public WebhookConnection connection() {
        return new WebhookConnection(tenant, connectionId);
    }
}
