package io.switchboard.sandbox.control;

/**
 * Injected misbehaviour for one vendor endpoint. Rates are percentages (0–100). Webhook rates apply to the
 * vendor's outgoing deliveries (endpoint "webhooks").
 */
public record Fault(long latencyMs, double rate429, double rate500, double rateTimeout, double dropWebhooks,
                    double duplicateWebhooks) {
    public static final Fault NONE = new Fault(0, 0, 0, 0, 0, 0);
}
