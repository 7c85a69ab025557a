package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsKeysSourcesTest {

    @Test
    void deterministicIdsAreStableAcrossCallsAndReleases() {
        String id = EventIds.deterministic("acme-msp", "conn-1", "autotask", "5f0e3a0c");
        assertThat(EventIds.deterministic("acme-msp", "conn-1", "autotask", "5f0e3a0c")).isEqualTo(id);
        // Pinned: changing the algorithm would break dedupe of events produced before and after a deploy.
        assertThat(id).isEqualTo("4bcf453a-7294-5cc3-857e-5e89cab21f60");
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(5);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void deterministicIdsAreDistinct() {
        assertThat(EventIds.deterministic("a", "b")).isNotEqualTo(EventIds.deterministic("b", "a"));
        assertThat(EventIds.deterministic("ab", "c")).isNotEqualTo(EventIds.deterministic("a", "bc"));
        assertThat(EventIds.deterministic("a")).isNotEqualTo(EventIds.deterministic("a", ""));
        assertThat(EventIds.deterministic("acme", "1")).isNotEqualTo(EventIds.deterministic("acme", "2"));
    }

    @Test
    void deterministicIdsRejectMissingParts() {
        assertThatThrownBy(EventIds::deterministic).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventIds.deterministic("a", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysFollowTheCatalogueFormats() {
        assertThat(EventKeys.ticket("acme", Vendor.CONNECTWISE_MANAGE, "1520")).isEqualTo("acme:connectwise-manage:1520");
        assertThat(EventKeys.connection("acme", "conn-1")).isEqualTo("acme:conn-1");
        assertThat(EventKeys.reference("acme", Vendor.CONNECTWISE_AUTOMATE, "77")).isEqualTo("acme:connectwise-automate:77");
        assertThat(TopicCatalogue.topic(TopicCatalogue.TICKET_EVENTS).key()).isEqualTo("tenant:vendor:ticketId");
        assertThat(TopicCatalogue.topic(TopicCatalogue.INTEGRATIONS).key()).isEqualTo("tenant:connectionId");
    }

    @Test
    void keysRejectPartsThatWouldCollide() {
        assertThatThrownBy(() -> EventKeys.connection("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventKeys.ticket("a", Vendor.AUTOTASK, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventKeys.reference(null, Vendor.AUTOTASK, "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vendorWireNamesRoundTrip() {
        for (Vendor vendor : Vendor.values()) {
            assertThat(Vendor.fromWireName(vendor.wireName())).isEqualTo(vendor);
        }
        assertThatThrownBy(() -> Vendor.fromWireName("halo")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sourcesAreUriReferencesWithEncodedSegments() {
        assertThat(EventSources.connection("webhook-ingest-service", "acme", "c-1"))
                .isEqualTo("/switchboard/webhook-ingest-service/tenants/acme/connections/c-1");
        assertThat(EventSources.tenant("workflow-engine", "a/b c")).isEqualTo("/switchboard/workflow-engine/tenants/a%2Fb%20c");
        assertThatThrownBy(() -> EventSources.service("")).isInstanceOf(IllegalArgumentException.class);
    }
}
