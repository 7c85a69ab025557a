package io.switchboard.credential.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of create and update. The tenant is never part of it: it comes from the access token. */
@Schema(name = "ConnectionRequest", description = "A vendor connection as the MSP admin enters it")
public record ConnectionRequest(
        @Schema(required = true, enumeration = {"autotask", "connectwise-manage", "connectwise-automate"})
        String vendor,
        @Schema(description = "Free text shown in the UI", maxLength = 120)
        String displayName,
        @Schema(description = "Non-secret fields. autotask: username, apiMemberId, impersonationResourceId (optional), "
                + "zoneUrl (optional override). connectwise-manage: siteUrl, companyId, publicKey, apiMemberIdentifier, "
                + "clientId. connectwise-automate: serverUrl, username, clientId. URLs must be https and public.",
                example = "{\"siteUrl\": \"https://na.myconnectwise.net\", \"companyId\": \"acme\"}")
        Map<String, JsonNode> settings,
        @Schema(description = "Write-only secret fields. autotask: secret, integrationCode. connectwise-manage: "
                + "privateKey. connectwise-automate: password, totpSecret (optional). On update a secret not sent "
                + "keeps its value; null clears an optional one.",
                example = "{\"privateKey\": \"…\"}")
        Map<String, JsonNode> secrets) {
}
