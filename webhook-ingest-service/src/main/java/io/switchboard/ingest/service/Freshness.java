package io.switchboard.ingest.service;

import io.switchboard.contracts.payload.TicketEvent;
import java.time.Duration;

/**
 * Deduplication remembers events for a limited time; a verified event older than that could be a replay we can no
 * longer recognise, so it is refused rather than published twice.
 */
final class Freshness {

    private Freshness() {
    }

    static void require(TicketEvent event, InboundRequest request, Duration retention) {
        if (event.occurredAt().isBefore(request.receivedAt().minus(retention))) {
            throw Rejection.unprocessable("the event is older than the deduplication window (" + retention + ")");
        }
    }
}
