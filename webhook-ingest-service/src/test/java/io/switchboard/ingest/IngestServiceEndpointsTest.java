package io.switchboard.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.ServiceEndpointsContract;

@QuarkusTest
class IngestServiceEndpointsTest extends ServiceEndpointsContract {
}
