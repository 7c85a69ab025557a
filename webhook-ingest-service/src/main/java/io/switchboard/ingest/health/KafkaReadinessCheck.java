package io.switchboard.ingest.health;

import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.messaging.KafkaPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the broker answers and the producer can take webhooks: without Kafka nothing can be
 * acknowledged. (The database's readiness check comes with the datasource.)
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final KafkaPublisher publisher;
    private final Admin admin;

    public KafkaReadinessCheck(KafkaPublisher publisher, IngestConfig config) {
        this.publisher = publisher;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "webhook-ingest-service-health");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        this.admin = Admin.create(props);
    }

    void stop(@Observes ShutdownEvent event) {
        admin.close();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka").withData("inFlightBytes", publisher.inFlightBytes())
                .withData("lastSendFailed", publisher.failing());
        try {
            int brokers = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            response.withData("brokers", brokers);
            return response.status(brokers > 0 && publisher.accepting()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        }
    }
}
