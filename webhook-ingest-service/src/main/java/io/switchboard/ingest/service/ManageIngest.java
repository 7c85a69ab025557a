package io.switchboard.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.normalize.MalformedWebhookException;
import io.switchboard.ingest.normalize.ManageTicketNormalizer;
import io.switchboard.ingest.normalize.NotATicketEventException;
import io.switchboard.ingest.persistence.Endpoint;
import io.switchboard.ingest.verification.ManageKeyUrlPolicy;
import io.switchboard.ingest.verification.ManageSignature;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * ConnectWise Manage ticket callbacks: the signing key comes from the body's own {@code Metadata.key_url}, so the
 * body is read first, but the key is fetched only from the connection's Manage site and the signature is checked on
 * the raw bytes before anything else in the body is used.
 */
@Singleton
public class ManageIngest {

    private final ManageSigningKeys keys;
    private final IngestPipeline pipeline;
    private final IngestConfig config;

    public ManageIngest(ManageSigningKeys keys, IngestPipeline pipeline, IngestConfig config) {
        this.keys = keys;
        this.pipeline = pipeline;
        this.config = config;
    }

    public CompletableFuture<Accepted> callback(Endpoint endpoint, InboundRequest request) {
        String signature = request.header(ManageSignature.HEADER);
        if (signature == null) {
            throw Rejection.unauthorized("no " + ManageSignature.HEADER + " header");
        }
        String text = InboundJson.text(request.body());
        JsonNode callback = InboundJson.object(request.body());
        JsonNode keyUrl = callback.path("Metadata").path("key_url");
        if (!keyUrl.isTextual()) {
            throw Rejection.unauthorized("no Metadata.key_url to verify the signature with");
        }
        if (!ManageKeyUrlPolicy.allowed(endpoint.manageSiteUrl(), keyUrl.asText())) {
            throw Rejection.unauthorized("Metadata.key_url is not on the connection's Manage site");
        }
        return keys.key(keyUrl.asText())
                .exceptionally(error -> {
                    throw keyFailure(error);
                })
                .thenCompose(key -> {
                    if (ManageSignature.verify(request.body(), signature, key)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    // Manage may have rotated its key since we fetched it
                    CompletableFuture<String> again = keys.refetchAfterMismatch(keyUrl.asText(), config.credentials().minRefresh());
                    if (again == null) {
                        throw Rejection.unauthorized("the signature does not match the body");
                    }
                    return again.handle((fresh, error) -> {
                        if (error != null) {
                            throw keyFailure(error);
                        }
                        if (!ManageSignature.verify(request.body(), signature, fresh)) {
                            throw Rejection.unauthorized("the signature does not match the body");
                        }
                        return null;
                    });
                })
                .thenCompose(verified -> {
                    TicketEvent event;
                    try {
                        event = ManageTicketNormalizer.normalize(endpoint.connection(), callback);
                    } catch (NotATicketEventException e) {
                        return CompletableFuture.completedFuture(Accepted.ignored(e.getMessage()));
                    } catch (MalformedWebhookException e) {
                        throw Rejection.unprocessable(e.getMessage());
                    }
                    Freshness.require(event, request, config.dedupe().retention());
                    return pipeline.publish(event, new RawWebhook(endpoint.tenant(), endpoint.connectionId(),
                            Vendor.CONNECTWISE_MANAGE, request.receivedAt(), request.contentType(), request.headers(), text, true));
                });
    }

    private static Rejection keyFailure(Throwable error) {
        Throwable cause = Failures.cause(error);
        if (cause instanceof ManageSigningKeys.KeyRefusedException) {
            return Rejection.unauthorized("the signing key cannot be obtained from Metadata.key_url");
        }
        return cause instanceof Rejection rejection ? rejection
                : Rejection.unavailable("the Manage signing key cannot be fetched right now");
    }
}
