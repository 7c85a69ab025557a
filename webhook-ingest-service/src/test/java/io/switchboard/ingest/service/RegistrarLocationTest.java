package io.switchboard.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a recorded registration counts as being where the connection now points. */
class RegistrarLocationTest {

    private static final Map<String, String> SITE = Map.of("siteUrl", "https://na.myconnectwise.net", "companyId", "acme");

    @Test
    void hostNamesAndCompanyIdsCompareWithoutCase() {
        assertThat(Registrar.sameLocation(Map.of("siteUrl", "https://NA.MyConnectWise.net", "companyId", "ACME"), SITE)).isTrue();
    }

    @Test
    void anotherSiteOrCompanyIsAFormerLocation() {
        assertThat(Registrar.sameLocation(Map.of("siteUrl", "https://eu.myconnectwise.net", "companyId", "acme"), SITE)).isFalse();
        assertThat(Registrar.sameLocation(Map.of("siteUrl", "https://na.myconnectwise.net", "companyId", "acme2"), SITE)).isFalse();
        assertThat(Registrar.sameLocation(Map.of("siteUrl", "https://na.myconnectwise.net"), SITE)).isFalse();
    }

    @Test
    void anEndpointRecordedWithoutALocationIsWhereTheConnectionIs() {
        assertThat(Registrar.sameLocation(Map.of(), SITE)).isTrue();
        assertThat(Registrar.sameLocation(Map.of(), Map.of())).isTrue();
    }
}
