package io.switchboard.ingest.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The application on the shared broker; every test class using it shares one running application. */
public class SharedBrokerProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(IngestTestResource.class, Map.of("database", "ingest")));
    }
}
