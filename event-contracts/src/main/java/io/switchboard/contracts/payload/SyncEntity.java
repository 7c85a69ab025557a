package io.switchboard.contracts.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a sync run can fetch from a vendor; Automate has clients, locations and computers. */
public enum SyncEntity {
    @JsonProperty("companies") COMPANIES,
    @JsonProperty("ticket-statuses") TICKET_STATUSES,
    @JsonProperty("queues") QUEUES,
    @JsonProperty("priorities") PRIORITIES,
    @JsonProperty("members") MEMBERS,
    @JsonProperty("contacts") CONTACTS,
    @JsonProperty("tickets") TICKETS,
    @JsonProperty("clients") CLIENTS,
    @JsonProperty("locations") LOCATIONS,
    @JsonProperty("computers") COMPUTERS
}
