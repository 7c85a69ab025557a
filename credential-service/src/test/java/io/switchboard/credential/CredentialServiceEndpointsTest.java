package io.switchboard.credential;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.ServiceEndpointsContract;

@QuarkusTest
class CredentialServiceEndpointsTest extends ServiceEndpointsContract {
}
