package io.switchboard.workflow;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.ServiceEndpointsContract;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class WorkflowEngineEndpointsTest extends ServiceEndpointsContract {
}
