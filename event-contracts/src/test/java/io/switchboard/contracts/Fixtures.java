package io.switchboard.contracts;

import io.switchboard.contracts.payload.DeadLetter;
import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.ReferenceRecord;
import io.switchboard.contracts.payload.SyncCommand;
import io.switchboard.contracts.payload.SyncEntity;
import io.switchboard.contracts.payload.SyncRunEvent;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.contracts.payload.WorkflowExecution;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One event of every type, built the way producers build them: through the records and helpers. */
final class Fixtures {

    static final String TENANT = "acme-msp";
    static final String CONNECTION = "c0a8012e-autotask-1";
    static final Instant AT = Instant.parse("2026-11-22T09:41:05.123456Z");

    private Fixtures() {
    }

    static TicketEvent ticket() {
        return new TicketEvent(TicketEvent.Action.UPDATED, TENANT, CONNECTION, Vendor.AUTOTASK, "48213",
                "T20261122.0007", "Printer offline", new EntityRef("8", "In Progress"), new EntityRef("2", null),
                new EntityRef("29682833", "Level I Support"), new EntityRef("174", "Contoso Dental"), null,
                new EntityRef("29684104", "Sam Technician"), List.of("status", "assignee"),
                new TicketEvent.Actor(TicketEvent.Actor.Type.RESOURCE, "29684104", "Sam Technician"),
                "5f0e3a0c-8a51-4b8e-b1f6-0d4a7f1f2c11", AT);
    }

    static CloudEvent ticketEvent() {
        TicketEvent t = ticket();
        return CloudEvent.of(EventTypes.TICKET, EventSources.connection("webhook-ingest-service", TENANT, CONNECTION),
                t.ticketId(), TENANT, EventIds.deterministic(TENANT, CONNECTION, "autotask", t.sourceEventId()), AT, t);
    }

    /** Every event type, keyed by type. */
    static Map<String, CloudEvent> allTypes() {
        String source = EventSources.connection("test", TENANT, CONNECTION);
        Map<String, CloudEvent> events = new LinkedHashMap<>();
        events.put(EventTypes.TICKET, ticketEvent());
        events.put(EventTypes.RAW_WEBHOOK, CloudEvent.of(EventTypes.RAW_WEBHOOK, source, CONNECTION, TENANT,
                EventIds.deterministic("raw", "1"), AT,
                new RawWebhook(TENANT, CONNECTION, Vendor.AUTOTASK, AT, "application/json",
                        Map.of("Content-Type", "application/json", "X-Hook-Signature", "abc="),
                        "{\"Id\":48213,\"Guid\":\"x\"}", true)));
        events.put(EventTypes.INTEGRATION, CloudEvent.of(EventTypes.INTEGRATION, source, CONNECTION, TENANT,
                EventIds.deterministic("integration", "1"), AT,
                new IntegrationEvent(IntegrationEvent.Action.CREATED, TENANT, CONNECTION, Vendor.AUTOTASK, "Acme AT",
                        Map.of("zoneUrl", "https://webservices5.autotask.net"), AT)));
        events.put(EventTypes.SYNC_COMMAND, CloudEvent.of(EventTypes.SYNC_COMMAND, source, CONNECTION, TENANT,
                EventIds.deterministic("sync", "1"), AT,
                new SyncCommand(TENANT, CONNECTION, Vendor.CONNECTWISE_MANAGE, SyncCommand.Reason.SCHEDULED, null,
                        List.of(SyncEntity.COMPANIES, SyncEntity.TICKET_STATUSES), true, AT)));
        events.put(EventTypes.SYNC_RUN, CloudEvent.of(EventTypes.SYNC_RUN, source, "run-1", TENANT,
                EventIds.deterministic("run", "1", "progress"), AT,
                new SyncRunEvent("run-1", TENANT, CONNECTION, Vendor.CONNECTWISE_AUTOMATE, SyncRunEvent.State.PROGRESS,
                        SyncEntity.COMPUTERS, new SyncRunEvent.Counts(120, 118, 2), null, AT)));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("isClosed", true);
        attributes.put("sortOrder", 9);
        attributes.put("systemValue", null);
        events.put(EventTypes.REFERENCE, CloudEvent.of(EventTypes.REFERENCE, source, "ticket-status/5", TENANT,
                EventIds.deterministic("ref", "5"), AT,
                new ReferenceRecord(TENANT, Vendor.AUTOTASK, ReferenceRecord.Kind.TICKET_STATUS, "5", "Complete", true,
                        attributes, AT)));
        events.put(EventTypes.WORKFLOW_EXECUTION, CloudEvent.of(EventTypes.WORKFLOW_EXECUTION,
                EventSources.tenant("workflow-engine", TENANT), "48213", TENANT, EventIds.deterministic("exec", "1"), AT,
                new WorkflowExecution("exec-1", TENANT, Vendor.AUTOTASK, "48213", "wf-1", "trigger-1",
                        WorkflowExecution.Outcome.SUCCEEDED,
                        List.of(new WorkflowExecution.Action(WorkflowExecution.Action.Kind.TIME_ENTRY, "ledger-1",
                                WorkflowExecution.Action.State.DONE, "7781")), AT)));
        events.put(EventTypes.DEAD_LETTER, CloudEvent.of(EventTypes.DEAD_LETTER, EventSources.service("workflow-engine"),
                "tickets.events.v1/4/118233", null, EventIds.deterministic("tickets.events.v1", "4", "118233"), AT,
                new DeadLetter(null, "tickets.events.v1", 4, 118233L, null, "{not json", "value is not JSON", AT)));
        return events;
    }
}
