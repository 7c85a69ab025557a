package io.switchboard.ingest.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The application on a broker of its own, which the test may stop and restart; its own database too. */
public class DedicatedBrokerProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(IngestTestResource.class, Map.of("broker", "dedicated", "database", "ingest_dedicated")));
    }
}
