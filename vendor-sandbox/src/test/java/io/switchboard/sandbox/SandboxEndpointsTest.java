package io.switchboard.sandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.ServiceEndpointsContract;

@QuarkusTest
class SandboxEndpointsTest extends ServiceEndpointsContract {
}
