package io.switchboard.credential.outbox;

import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.EventIds;
import io.switchboard.contracts.EventJson;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.EventSchemas;
import io.switchboard.contracts.EventSources;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.OutboxEventEntity;
import io.switchboard.credential.service.VendorFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes the integration event of a connection change into the outbox, in the caller's transaction: the change and
 * its event commit together or not at all; outbox-relay publishes the row to {@code integrations.v1}. Only the
 * vendor's published (non-secret) settings in effect go in, and the event is schema-checked before it is written.
 */
@ApplicationScoped
public class OutboxWriter {

    public static final String SERVICE = "credential-service";

    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent connectionChanged(ConnectionEntity connection, IntegrationEvent.Action action, Instant at) {
        String connectionId = connection.id.toString();
        Vendor vendor = Vendor.fromWireName(connection.vendor);
        IntegrationEvent payload = new IntegrationEvent(action, connection.tenant, connectionId, vendor,
                connection.displayName, VendorFields.published(vendor, connection.settings, connection.validationReport), at);
        // deterministic: a replay of this row by the relay carries the same id, so consumers can drop it
        String eventId = EventIds.deterministic(connection.tenant, connectionId, action.name(), at.toString());
        CloudEvent event = EventSchemas.requireValid(CloudEvent.of(EventTypes.INTEGRATION,
                EventSources.connection(SERVICE, connection.tenant, connectionId), connectionId, connection.tenant,
                eventId, at, payload));

        OutboxEventEntity row = new OutboxEventEntity();
        row.id = UUID.fromString(eventId);
        row.aggregatetype = TopicCatalogue.INTEGRATIONS;
        row.aggregateid = EventKeys.connection(connection.tenant, connectionId);
        row.type = EventTypes.INTEGRATION;
        row.payload = EventJson.mapper().valueToTree(event);
        row.createdAt = at;
        row.persist();
        return event;
    }
}
