package io.switchboard.sandbox.autotask.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.autotask.service.AutotaskSchema.Field;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.data.Table;
import io.switchboard.sandbox.delivery.WebhookSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Ticket webhook callouts: field selection, exclusions, Autotask's JSON escaping, signing, retries, deactivation. */
@ApplicationScoped
public class AutotaskWebhooks {
    @Inject
    AutotaskService service;
    @Inject
    WebhookSender sender;
    @Inject
    SandboxConfig config;

    /**
     * By webhook GUID, not id: ids restart after a reset, and a delivery of the old world that was mid-attempt when the
     * reset came must not count against a new webhook that reuses its id.
     */
    private final Map<String, AtomicInteger> consecutiveFailures = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> sequence = new ConcurrentHashMap<>();

    void reset() {
        consecutiveFailures.clear();
        sequence.clear();
    }

    private Table table(String name) {
        return service.table(service.schema().entity(name));
    }

    void prepareNew(ObjectNode rec, AutotaskService.Caller c, int max, int existing) {
        if (existing >= max) {
            throw new AutotaskException(500, "The maximum number of webhooks (" + max
                    + ") allowed for this security level has been reached.");
        }
        rec.put("ownerResourceID", c.apiResourceId()).put("isReady", false)
                .put("webhookGUID", UUID.randomUUID().toString());
        for (String flag : List.of("isSubscribedToCreateEvents", "isSubscribedToUpdateEvents",
                "isSubscribedToDeleteEvents", "sendThresholdExceededNotification")) {
            if (rec.path(flag).isNull()) {
                rec.put(flag, false);
            }
        }
    }

    void configurationChanged(String entity, ObjectNode before, ObjectNode after) {
        ObjectNode any = after != null ? after : before;
        if (entity.equals("TicketWebhookFields")) {
            long webhookId = any.get("webhookID").asLong();
            boolean ready = table("TicketWebhookFields").all().stream().anyMatch(f ->
                    f.get("webhookID").asLong() == webhookId && f.path("isSubscribedField").asBoolean());
            table("TicketWebhooks").update(webhookId, w -> w.put("isReady", ready));
        } else if (entity.equals("TicketWebhooks")) {
            if (after == null) {
                long id = before.get("id").asLong();
                table("TicketWebhookFields").all().removeIf(f -> f.get("webhookID").asLong() == id);
                table("TicketWebhookExcludedResources").all().removeIf(f -> f.get("webhookID").asLong() == id);
            }
            if (before != null && before.path("isActive").asBoolean() && (after == null || !after.path("isActive").asBoolean())) {
                notifyDeactivation(before);
            }
            if (after != null) {
                consecutiveFailures.remove(after.path("webhookGUID").asText());
            }
        }
    }

    /** Called for every ticket create (before null), update and delete (after null). */
    void ticketChanged(ObjectNode before, ObjectNode after, long personId) {
        String action = before == null ? "Create" : after == null ? "Delete" : "Update";
        ObjectNode current = after != null ? after : before;
        for (ObjectNode hook : table("TicketWebhooks").all()) {
            if (!hook.path("isActive").asBoolean() || !hook.path("isReady").asBoolean()
                    || !hook.path("isSubscribedTo" + action + "Events").asBoolean()) {
                continue;
            }
            long hookId = hook.get("id").asLong();
            boolean excluded = table("TicketWebhookExcludedResources").all().stream().anyMatch(x ->
                    x.get("webhookID").asLong() == hookId && x.get("resourceID").asLong() == personId);
            if (excluded) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            if (!action.equals("Delete")) {
                boolean subscribedChange = false;
                for (ObjectNode row : table("TicketWebhookFields").all()) {
                    if (row.get("webhookID").asLong() != hookId) {
                        continue;
                    }
                    Field f = fieldById(row.get("fieldID").asInt());
                    if (f == null) {
                        continue;
                    }
                    JsonNode now = current.get(f.name());
                    boolean changed = before == null ? !now.isNull() : !Objects.equals(before.get(f.name()), now);
                    boolean subscribed = row.path("isSubscribedField").asBoolean() && changed;
                    subscribedChange |= subscribed;
                    if (subscribed || row.path("isDisplayAlwaysField").asBoolean()) {
                        fields.put(Character.toUpperCase(f.name().charAt(0)) + f.name().substring(1),
                                now.isNull() ? null : now.asText());
                    }
                }
                if (!subscribedChange) {
                    continue;
                }
            }
            long seq = sequence.computeIfAbsent(hookId, k -> new AtomicLong()).incrementAndGet();
            String body = "{\"Action\":" + str(action) + ",\"Guid\":" + str(hook.path("webhookGUID").asText())
                    + ",\"EntityType\":\"Ticket\",\"Id\":" + current.get("id").asLong() + ",\"Fields\":" + obj(fields)
                    + ",\"EventTime\":" + str(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                    + ",\"SequenceNumber\":" + seq + ",\"" + config.autotask().personIdKey() + "\":" + personId + "}";
            deliver(hook, body, sender.defaultPolicy(), true);
        }
    }

    private Field fieldById(int id) {
        return service.schema().entity("Tickets").fields().values().stream().filter(f -> f.fieldId() == id)
                .findFirst().orElse(null);
    }

    private void deliver(ObjectNode hook, String json, WebhookSender.Policy policy, boolean countFailures) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        long hookId = hook.get("id").asLong();
        String guid = hook.path("webhookGUID").asText();
        String url = countFailures ? hook.path("webhookUrl").asText() : hook.path("deactivationUrl").asText();
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "X-Hook-Signature", "sha1=" + sign(hook.path("secretKey").asText(""), bytes));
        WebhookSender.Listener listener = !countFailures ? new WebhookSender.Listener() {
        } : new WebhookSender.Listener() {
            @Override
            public void delivered() {
                consecutiveFailures.computeIfAbsent(guid, k -> new AtomicInteger()).set(0);
            }

            @Override
            public void attemptFailed(int attempt, String error) {
                int n = consecutiveFailures.computeIfAbsent(guid, k -> new AtomicInteger()).incrementAndGet();
                ObjectNode before = table("TicketWebhooks").get(hookId);
                if (n == config.delivery().deactivateAfterFailures() && sameWebhook(before, guid)) {
                    ObjectNode after = table("TicketWebhooks").update(hookId, w -> w.put("isActive", false));
                    configurationChanged("TicketWebhooks", before, after);
                }
            }

            @Override
            public void exhausted(String error) {
                if (!sameWebhook(table("TicketWebhooks").get(hookId), guid)) {
                    return;
                }
                table("WebhookEventErrorLogs").insert(io.switchboard.sandbox.data.Json.obj()
                        .put("ticketWebhookID", hookId).put("createDateTime", Instant.now().toString())
                        .put("errorMessage", error).put("payload", json).put("sequenceNumber",
                                sequence.getOrDefault(hookId, new AtomicLong()).get()));
            }
        };
        sender.send("autotask", "autotask:" + (countFailures ? "hook:" : "deact:") + hookId,
                new WebhookSender.Outbound(url, headers, bytes), policy, listener);
    }

    private static boolean sameWebhook(ObjectNode current, String guid) {
        return current != null && guid.equals(current.path("webhookGUID").asText());
    }

    /** Undocumented payload: the shape n8n handles ("Action":"Deactivated"), posted once to the deactivation URL. */
    private void notifyDeactivation(ObjectNode hook) {
        if (hook.path("deactivationUrl").asText("").isEmpty()) {
            return;
        }
        String body = "{\"Action\":\"Deactivated\",\"Guid\":" + str(hook.path("webhookGUID").asText())
                + ",\"EntityType\":\"Ticket\",\"Id\":" + hook.get("id").asLong() + ",\"EventTime\":"
                + str(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()) + "}";
        WebhookSender.Policy once = new WebhookSender.Policy(1, config.delivery().retryDelay(), config.delivery().timeout());
        deliver(hook, body, once, false);
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String obj(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(str(k)).append(':')
                .append(v == null ? "null" : str(v)));
        return sb.append('}').toString();
    }

    /**
     * A JSON string the way Autotask's .NET encoder writes it: HTML-sensitive characters, quote, backslash, plus,
     * backtick and everything outside printable ASCII become uppercase \\uXXXX escapes.
     */
    public static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7E || "&<>'\"\\+`".indexOf(c) >= 0) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
