package io.switchboard.connectors.manage;

import java.util.Objects;

/**
 * A ConnectWise Manage API member's keys (seed 001) and the integration's registered clientId.
 *
 * @param siteUrl the API site root, e.g. https://api-na.myconnectwise.net
 */
public record ManageCredentials(String siteUrl, String companyId, String publicKey, String privateKey, String clientId) {

    public ManageCredentials {
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The private key stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "ManageCredentials[siteUrl=" + siteUrl + ", companyId=" + companyId + ", publicKey=" + publicKey + "]";
    }
}
