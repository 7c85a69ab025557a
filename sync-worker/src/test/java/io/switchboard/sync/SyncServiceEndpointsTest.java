package io.switchboard.sync;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.ServiceEndpointsContract;

@QuarkusTest
class SyncServiceEndpointsTest extends ServiceEndpointsContract {
}
