package io.switchboard.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.ingest.support.SharedBrokerProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The claim / publish / outcome protocol against the real database. */
@QuarkusTest
@TestProfile(SharedBrokerProfile.class)
class DedupeStoreTest {

    @Inject
    DedupeStore store;

    @Test
    void aNewEventIsClaimedOnceAndAPublishedOneIsADuplicate() {
        UUID id = UUID.randomUUID();
        assertThat(store.claim(id, "t").join()).isEqualTo(new DedupeStore.Claim(true, 0));
        // while the first claimer publishes, another delivery neither publishes nor is told it is done
        DedupeStore.Claim meanwhile = store.claim(id, "t").join();
        assertThat(meanwhile.claimed()).isFalse();
        assertThat(meanwhile.duplicate()).isFalse();

        store.recordOutcome(id, DedupeStore.ALL).join();
        assertThat(store.claim(id, "t").join().duplicate()).isTrue();
    }

    @Test
    void aFailedPublishIsReleasedForTheRetry() {
        UUID id = UUID.randomUUID();
        store.claim(id, "t").join();
        store.recordOutcome(id, 0).join();

        assertThat(store.claim(id, "t").join()).isEqualTo(new DedupeStore.Claim(true, 0));
    }

    @Test
    void aPartlyPublishedEventIsReclaimedWithWhatIsAlreadyOnKafka() {
        UUID id = UUID.randomUUID();
        store.claim(id, "t").join();
        store.recordOutcome(id, DedupeStore.TICKET).join();

        assertThat(store.claim(id, "t").join()).isEqualTo(new DedupeStore.Claim(true, DedupeStore.TICKET));
        store.recordOutcome(id, DedupeStore.RAW).join();
        assertThat(store.claim(id, "t").join()).isEqualTo(new DedupeStore.Claim(false, DedupeStore.ALL));
    }

    @Test
    void concurrentClaimsOfOneEventInOneBatchHaveOneWinner() {
        UUID id = UUID.randomUUID();
        List<CompletableFuture<DedupeStore.Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            claims.add(store.claim(id, "t"));
        }
        assertThat(claims.stream().map(CompletableFuture::join).filter(DedupeStore.Claim::claimed)).hasSize(1);
    }
}
