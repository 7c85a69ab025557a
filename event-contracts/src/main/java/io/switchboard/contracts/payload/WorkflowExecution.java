package io.switchboard.contracts.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.contracts.Vendor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One workflow run on one ticket and the side effects it performed ({@code io.switchboard.workflow.execution.v1}
 * on {@code workflow.executions.v1}).
 *
 * @param triggerEventId CloudEvent id of the ticket event that started the run
 */
public record WorkflowExecution(
        String executionId,
        String tenant,
        Vendor vendor,
        String ticketId,
        String workflowId,
        String triggerEventId,
        Outcome outcome,
        List<Action> actions,
        Instant at) {

    public enum Outcome {
        @JsonProperty("succeeded") SUCCEEDED,
        @JsonProperty("failed") FAILED,
        @JsonProperty("skipped") SKIPPED
    }

    /**
     * One vendor write.
     *
     * @param key            the action-ledger key under which the write was recorded before it was made
     * @param vendorRecordId id of the note/time entry created at the vendor; null when none was created
     */
    public record Action(Kind kind, String key, State state, String vendorRecordId) {

        public enum Kind {
            @JsonProperty("note") NOTE,
            @JsonProperty("time-entry") TIME_ENTRY,
            @JsonProperty("status") STATUS,
            @JsonProperty("assignment") ASSIGNMENT
        }

        public enum State {
            @JsonProperty("done") DONE,
            @JsonProperty("failed") FAILED,
            @JsonProperty("skipped") SKIPPED
        }

        public Action {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(state, "state");
        }
    }

    public WorkflowExecution {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(triggerEventId, "triggerEventId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
