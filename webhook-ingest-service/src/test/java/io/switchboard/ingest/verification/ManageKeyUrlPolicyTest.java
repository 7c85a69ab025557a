package io.switchboard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF guard: a signing key is fetched only from the connection's own Manage site. */
class ManageKeyUrlPolicyTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "https://na.myconnectwise.net, https://na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?companyName=acme&id=1, true",
            "https://api-na.myconnectwise.net, https://na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1, true",
            "https://NA.myconnectwise.net/, https://na.MyConnectWise.net:443/v4_6_release/system/callbackkey/index.rails?id=1, true",
            "http://127.0.0.1:18080, http://127.0.0.1:18080/v2025_1//system/callbackkey/index.rails?id=1, true",
            "https://na.myconnectwise.net, https://eu.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1, false",
            "https://na.myconnectwise.net, https://na.myconnectwise.net.evil.example/v2025_1//system/callbackkey/index.rails, false",
            "https://na.myconnectwise.net, http://na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1, false",
            "https://na.myconnectwise.net, https://na.myconnectwise.net:8443/v2025_1//system/callbackkey/index.rails?id=1, false",
            "https://na.myconnectwise.net, https://user@na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1, false",
            "https://na.myconnectwise.net, https://na.myconnectwise.net/v2025_1/apis/3.0/system/members, false",
            "https://na.myconnectwise.net, https://na.myconnectwise.net/system/callbackkey/../../apis/3.0/x, false",
            "https://na.myconnectwise.net, http://169.254.169.254/latest/meta-data/, false",
            "https://na.myconnectwise.net, /v2025_1//system/callbackkey/index.rails?id=1, false",
            "https://na.myconnectwise.net, not a url, false",
            "https://na.myconnectwise.net, https://api-na.myconnectwise.net/v2025_1//system/callbackkey/index.rails, false",
            "https://na.myconnectwise.net, https://api-api-na.myconnectwise.net/v2025_1//system/callbackkey/index.rails, false"
    })
    void allowsOnlyTheSitesOwnKeyPath(String siteUrl, String keyUrl, boolean allowed) {
        assertThat(ManageKeyUrlPolicy.allowed(siteUrl, keyUrl)).isEqualTo(allowed);
    }
}
