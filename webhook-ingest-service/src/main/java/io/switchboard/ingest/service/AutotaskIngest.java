package io.switchboard.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.normalize.AutotaskTicketNormalizer;
import io.switchboard.ingest.normalize.MalformedWebhookException;
import io.switchboard.ingest.normalize.NotATicketEventException;
import io.switchboard.ingest.persistence.Endpoint;
import io.switchboard.ingest.verification.AutotaskSignature;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Autotask ticket callouts and deactivation notices: the signature is checked on the raw bytes with the webhook's
 * secret (from credential-service) before anything else is read.
 */
@Singleton
public class AutotaskIngest {

    private static final String SIGNATURE = AutotaskSignature.HEADER.toLowerCase(Locale.ROOT);

    private final WebhookSecrets secrets;
    private final IngestPipeline pipeline;
    private final Registrar registrar;
    private final IngestConfig config;

    public AutotaskIngest(WebhookSecrets secrets, IngestPipeline pipeline, Registrar registrar, IngestConfig config) {
        this.secrets = secrets;
        this.pipeline = pipeline;
        this.registrar = registrar;
        this.config = config;
    }

    public CompletableFuture<Accepted> callout(Endpoint endpoint, InboundRequest request) {
        return verified(endpoint, request).thenCompose(ok -> {
            String text = InboundJson.text(request.body());
            JsonNode callout = InboundJson.object(request.body());
            if (AutotaskTicketNormalizer.isDeactivation(callout)) {
                registrar.heal(endpoint.connectionId());
                return CompletableFuture.completedFuture(Accepted.noted("the webhook will be reactivated"));
            }
            TicketEvent event;
            try {
                event = AutotaskTicketNormalizer.normalize(endpoint.connection(), callout);
            } catch (NotATicketEventException e) {
                return CompletableFuture.completedFuture(Accepted.ignored(e.getMessage()));
            } catch (MalformedWebhookException e) {
                throw Rejection.unprocessable(e.getMessage());
            }
            Freshness.require(event, request, config.dedupe().retention());
            return pipeline.publish(event, new RawWebhook(endpoint.tenant(), endpoint.connectionId(), Vendor.AUTOTASK,
                    request.receivedAt(), request.contentType(), request.headers(), text, true));
        });
    }

    /** The deactivation URL: Autotask deactivated or deleted the webhook. Verified like a callout, then healed. */
    public CompletableFuture<Accepted> deactivated(Endpoint endpoint, InboundRequest request) {
        return verified(endpoint, request).thenApply(ok -> {
            InboundJson.object(request.body());
            registrar.heal(endpoint.connectionId());
            return Accepted.noted("the webhook will be reactivated or recreated");
        });
    }

    private CompletableFuture<Void> verified(Endpoint endpoint, InboundRequest request) {
        String signature = request.header(SIGNATURE);
        if (signature == null) {
            return CompletableFuture.failedFuture(Rejection.unauthorized("no " + AutotaskSignature.HEADER + " header"));
        }
        return secrets.secret(endpoint.connectionId())
                .exceptionally(error -> {
                    throw Failures.credentialsFailure(error);
                })
                .thenCompose(secret -> {
                    if (matches(request, signature, secret)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    // the secret may have been replaced (webhook recreated) since it was read
                    CompletableFuture<Optional<String>> reread = secrets.rereadAfterMismatch(endpoint.connectionId());
                    if (reread == null) {
                        throw mismatch(secret);
                    }
                    return reread.handle((again, error) -> {
                        if (error != null) {
                            throw Failures.credentialsFailure(error);
                        }
                        if (!matches(request, signature, again)) {
                            throw mismatch(again);
                        }
                        return null;
                    });
                });
    }

    private static boolean matches(InboundRequest request, String signature, Optional<String> secret) {
        return secret.isPresent() && AutotaskSignature.verify(request.body(), signature, secret.get());
    }

    private static Rejection mismatch(Optional<String> secret) {
        return Rejection.unauthorized(secret.isPresent() ? "the signature does not match the body"
                : "no webhook secret is registered for this endpoint");
    }
}
