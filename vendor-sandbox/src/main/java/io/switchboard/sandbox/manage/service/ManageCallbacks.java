package io.switchboard.sandbox.manage.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.delivery.WebhookSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** /system/callbacks registrations and their signed deliveries. */
@ApplicationScoped
public class ManageCallbacks {
    private static final Set<String> LEVELS = Set.of("owner", "board", "status", "company", "ticket", "type",
            "territory", "contact", "member");
    @Inject
    ManageService service;
    @Inject
    WebhookSender sender;
    @Inject
    SandboxConfig config;

    private volatile String keyId;
    private volatile String signingKey;

    void reset() {
        keyId = UUID.randomUUID().toString();
        signingKey = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 40);
    }

    /** The signing key served at key_url, or null for an unknown key id. */
    public String signingKey(String id) {
        return keyId.equalsIgnoreCase(String.valueOf(id)) ? signingKey : null;
    }

    void prepareNew(ObjectNode rec, ObjectNode creator) {
        String url = rec.path("url").asText("");
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ManageException.invalid("callbackEntry", "InvalidField", "url", "Invalid URL");
        }
        String type = rec.path("type").asText("").toLowerCase();
        String level = rec.path("level").asText("").toLowerCase();
        if (type.isEmpty()) {
            throw ManageException.invalid("callbackEntry", "MissingRequiredField", "type", "The type field is required.");
        }
        if (!LEVELS.contains(level)) {
            throw ManageException.invalid("callbackEntry", "InvalidObject", "level",
                    "Level '" + rec.path("level").asText() + "' is not valid for type " + type + ".");
        }
        long objectId = level.equals("owner") ? 1 : rec.path("objectId").asLong();
        boolean dup = service.table("callbacks").all().stream().anyMatch(c -> c.path("url").asText().equals(url)
                && c.path("type").asText().equalsIgnoreCase(type) && c.path("level").asText().equalsIgnoreCase(level)
                && c.path("objectId").asLong() == objectId);
        if (dup) {
            throw ManageException.invalid("callbackEntry", "ObjectExists", "objectId",
                    "A callback with this url, type, level and objectId already exists.");
        }
        rec.put("objectId", objectId).put("memberId", creator.get("id").asLong())
                .put("payloadVersion", rec.path("payloadVersion").asText("3.0.0"))
                .put("inactiveFlag", rec.path("inactiveFlag").asBoolean(false))
                .put("isSoapCallbackFlag", false)
                .put("isSelfSuppressedFlag", rec.path("isSelfSuppressedFlag").asBoolean(false))
                .put("connectWiseID", UUID.randomUUID().toString());
    }

    private static boolean inScope(ObjectNode cb, ObjectNode rec) {
        long objectId = cb.path("objectId").asLong();
        return switch (cb.path("level").asText().toLowerCase()) {
            case "owner" -> true;
            case "board" -> rec.at("/board/id").asLong() == objectId;
            case "status" -> rec.at("/status/id").asLong() == objectId;
            case "company" -> rec.at("/company/id").asLong() == objectId;
            default -> rec.path("id").asLong() == objectId;
        };
    }

    void fire(String type, String action, ObjectNode rec, String member, String origin) {
        long memberId = service.memberByIdentifier(member).map(m -> m.get("id").asLong()).orElse(-1L);
        for (ObjectNode cb : service.table("callbacks").all()) {
            if (cb.path("inactiveFlag").asBoolean() || !cb.path("type").asText().equalsIgnoreCase(type) || !inScope(cb, rec)
                    || (cb.path("isSelfSuppressedFlag").asBoolean() && cb.path("memberId").asLong() == memberId)) {
                continue;
            }
            String keyUrl = origin + "/" + config.manage().codebase() + "/system/callbackkey/index.rails?companyName="
                    + config.manage().companyId() + "&id=" + keyId;
            ObjectNode body = Json.obj().put("MessageId", UUID.randomUUID().toString())
                    .put("FromUrl", ManageService.MANAGE_CLOUD_HOST).put("CompanyId", config.manage().companyId())
                    .put("MemberId", member).put("Action", action).put("Type", type).put("ID", rec.get("id").asLong())
                    .put("ProductInstanceId", "639c96cab2eb560001dd1324").put("PartnerId", "61ddc2817bcddc0001c74208")
                    .put("Entity", Json.string(rec)).<ObjectNode>set("Metadata", Json.obj().put("key_url", keyUrl))
                    .put("CallbackObjectRecId", cb.get("id").asLong());
            byte[] bytes = Json.bytes(body);
            String url = cb.path("url").asText();
            // Unconfirmed (S-AMP): a URL ending in '=' gets the record id appended.
            if (url.endsWith("=")) {
                url += rec.get("id").asLong();
            }
            sender.send("manage", "manage:cb:" + cb.get("id").asLong(), new WebhookSender.Outbound(url,
                    Map.of("Content-Type", "application/json", "x-content-signature", sign(signingKey, bytes)), bytes),
                    new WebhookSender.Policy(1, config.delivery().retryDelay(), config.delivery().timeout()),
                    new WebhookSender.Listener() {
                    });
        }
    }

    public static String sign(String key, byte[] body) {
        try {
            byte[] k = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
