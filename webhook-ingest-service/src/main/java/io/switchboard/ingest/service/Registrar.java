package io.switchboard.ingest.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.autotask.AutotaskClient;
import io.switchboard.connectors.autotask.AutotaskCredentials;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.connectors.http.VendorUnreachableException;
import io.switchboard.connectors.manage.ManageClient;
import io.switchboard.connectors.manage.ManageCredentials;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.ingest.client.ConnectionCredentials;
import io.switchboard.ingest.client.ConnectionGoneException;
import io.switchboard.ingest.client.CredentialServiceClient;
import io.switchboard.ingest.client.CredentialsUnavailableException;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.persistence.ConnectionRepository;
import io.switchboard.ingest.persistence.ConnectionRepository.ConnectionRow;
import io.switchboard.ingest.persistence.ConnectionRepository.EndpointRow;
import io.switchboard.ingest.persistence.Endpoint;
import io.switchboard.ingest.persistence.EndpointDirectory;
import io.switchboard.ingest.persistence.ReconcileLeadership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Keeps each connection's webhook registered at its vendor: on connection events, on a deactivation notice, at start
 * and periodically. A pass first removes what the connection registered at a location it has moved away from (another
 * Manage site or company), then lists the vendor's registrations, keeps (and repairs) the one posting to this
 * connection's current token, deletes ours that no live connection owns (removed connections, older registrations),
 * and creates one when none is left, within the vendor's cap. A removed connection is swept, at its former locations
 * too, until no endpoint of it is left. Work runs on one thread per instance; a PostgreSQL advisory lock per connection
 * keeps instances from registering the same connection at once.
 */
@ApplicationScoped
public class Registrar {

    /** Where a connection's registration stands (column {@code connection.registration_state}). */
    public static final String REGISTERED = "registered";
    public static final String CAP_REACHED = "cap-reached";
    public static final String FAILED = "failed";
    public static final String CREDENTIALS_MISSING = "credentials-missing";
    public static final String REMOVED = "removed";

    static final List<Vendor> VENDORS = List.of(Vendor.AUTOTASK, Vendor.CONNECTWISE_MANAGE);

    private static final Logger LOG = Logger.getLogger(Registrar.class);

    private final ConnectionRepository connections;
    private final CredentialServiceClient credentials;
    private final EndpointDirectory directory;
    private final WebhookSecrets secrets;
    private final IngestConfig config;
    private final ReconcileLeadership leadership;
    private final VendorHttp http = VendorHttp.defaults();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private ExecutorService worker;
    private ScheduledExecutorService timer;

    public Registrar(ConnectionRepository connections, CredentialServiceClient credentials, EndpointDirectory directory,
                     WebhookSecrets secrets, IngestConfig config, ReconcileLeadership leadership) {
        this.connections = connections;
        this.credentials = credentials;
        this.directory = directory;
        this.secrets = secrets;
        this.config = config;
        this.leadership = leadership;
    }

    void start(@Observes StartupEvent event) {
        worker = Executors.newSingleThreadExecutor(r -> daemon(r, "registrar"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "registrar-schedule"));
        if (config.registration().enabled()) {
            long every = config.registration().reconcileInterval().toMillis();
            timer.scheduleWithFixedDelay(this::reconcileAll, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        worker.shutdownNow();
    }

    /** Applies a connection event (from integrations.v1) and schedules the vendor side. Blocking (database). */
    public void onConnectionEvent(IntegrationEvent event) {
        if (!VENDORS.contains(event.vendor())) {
            return; // no webhooks for this vendor
        }
        if (connections.apply(event)) {
            if (event.action() == IntegrationEvent.Action.REMOVED) {
                forget(event.connectionId());
            }
            schedule(event.connectionId());
        }
    }

    /** A tombstone for the connection on integrations.v1. */
    public void onConnectionDeleted(String connectionId) {
        connections.markRemoved(connectionId);
        forget(connectionId);
        schedule(connectionId);
    }

    /** Autotask told us it deactivated (or deleted) the connection's webhook: repair it soon. */
    public void heal(String connectionId) {
        schedule(connectionId);
    }

    /** Schedules a pass for every connection to reconcile, when this instance leads the reconciliation. */
    public void reconcileAll() {
        if (!leadership.lead()) {
            return; // another instance reconciles; connection events still reach every instance
        }
        try {
            connections.toReconcile(VENDORS).forEach(c -> schedule(c.id()));
        } catch (RuntimeException e) {
            LOG.warnf("reconciliation could not list connections: %s", e.getMessage());
        }
    }

    private void forget(String connectionId) {
        directory.removeConnection(connectionId);
        secrets.forget(connectionId);
    }

    private void schedule(String connectionId) {
        if (config.registration().enabled() && queued.add(connectionId)) {
            worker.execute(() -> {
                queued.remove(connectionId);
                try {
                    connections.withLock("webhook-registration:" + connectionId, () -> {
                        pass(connectionId);
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.errorf("registration of connection %s failed: %s", connectionId, e.getMessage());
                }
            });
        }
    }

    private void pass(String connectionId) {
        Optional<ConnectionRow> found = connections.find(connectionId);
        if (found.isEmpty()) {
            return;
        }
        ConnectionRow connection = found.get();
        ConnectionCredentials read;
        try {
            read = credentials.readNow(connectionId);
        } catch (ConnectionGoneException e) {
            // past credential-service's grace period a removed connection's credentials are gone: its webhooks can
            // then only be swept through another connection to the same vendor account, or stop on the 404s they get
            if (connection.removed()) {
                connections.deleteEndpoints(connectionId);
            }
            connections.recordRegistration(connectionId, connection.removed() ? REMOVED : CREDENTIALS_MISSING, e.getMessage());
            return;
        } catch (CredentialsUnavailableException e) {
            connections.recordRegistration(connectionId, FAILED, e.getMessage());
            return;
        }
        try {
            VendorWebhooks vendor = vendorSide(connection, read, Map.of());
            Endpoints endpoints = Endpoints.split(connections.endpoints(connectionId), vendor.location());
            // what it left at a former location goes first: the pass here must not take it for a registration of its own
            String formerLocations = removeAtFormerLocations(endpoints.former(), connection, read);
            Outcome outcome = (connection.removed() ? sweep(vendor, connection, endpoints.here())
                    : reconcile(vendor, connection, endpoints.here())).and(formerLocations);
            if (outcome.confirmed()) {
                connections.confirmRegistration(connectionId, outcome.state(), outcome.detail());
            } else {
                connections.recordRegistration(connectionId, outcome.state(), outcome.detail());
            }
        } catch (VendorApiException | VendorUnreachableException | CredentialsUnavailableException | ConnectionGoneException e) {
            connections.recordRegistration(connectionId, FAILED, e.getMessage());
            LOG.warnf("registration of connection %s (tenant %s) failed: %s", connectionId, connection.tenant(), e.getMessage());
        }
    }

    /** The connection's endpoint rows, read once per pass: where its settings point now, and where they pointed before. */
    private record Endpoints(List<EndpointRow> here, List<EndpointRow> former) {

        static Endpoints split(List<EndpointRow> rows, Map<String, String> location) {
            List<EndpointRow> here = new ArrayList<>();
            List<EndpointRow> former = new ArrayList<>();
            rows.forEach(row -> (sameLocation(row.location(), location) ? here : former).add(row));
            return new Endpoints(here, former);
        }
    }

    /** What a pass leaves recorded; {@code confirmed} when it found the registration in place and changed nothing. */
    private record Outcome(String state, String detail, boolean confirmed) {

        Outcome(String state, String detail) {
            this(state, detail, false);
        }

        Outcome and(String more) {
            return more.isEmpty() ? this : new Outcome(state, detail + "; " + more);
        }
    }

    /**
     * The connection is live: keep its registration, remove strays, create one if none is left. {@code here} are its
     * endpoint rows at the vendor's current location.
     */
    private Outcome reconcile(VendorWebhooks vendor, ConnectionRow connection, List<EndpointRow> here) {
        String prefix = prefix(vendor);
        List<VendorWebhooks.Hook> hooks = vendor.list();
        Set<String> current = new LinkedHashSet<>();
        here.forEach(e -> current.add(HexFormat.of().formatHex(e.tokenHash())));
        VendorWebhooks.Hook kept = null;
        int remaining = hooks.size();
        for (VendorWebhooks.Hook hook : hooks) {
            Optional<String> token = EndpointTokens.fromUrl(hook.url(), prefix);
            if (token.isEmpty()) {
                continue; // not ours
            }
            byte[] hash = EndpointTokens.hash(token.get());
            if (kept == null && current.contains(HexFormat.of().formatHex(hash))) {
                kept = hook;
            } else if (removeIfStray(vendor, hook, hash, connection)) {
                remaining--;
            }
        }
        if (kept != null) {
            vendor.complete(kept);
            dropEndpointsExcept(here, EndpointTokens.fromUrl(kept.url(), prefix).map(EndpointTokens::hash).orElse(null));
            return new Outcome(REGISTERED, "webhook " + kept.id(), remaining == hooks.size());
        }
        if (vendor.atCapacity(remaining)) {
            LOG.warnf("connection %s (tenant %s): the vendor's webhook limit is reached, no webhook registered",
                    connection.id(), connection.tenant());
            return new Outcome(CAP_REACHED, remaining + " webhooks exist at the vendor, its limit");
        }
        return new Outcome(REGISTERED, "webhook " + register(vendor, connection, prefix, here));
    }

    /**
     * The connection was removed but its credentials are still readable: delete its registrations (those at former
     * locations went first). Its endpoints go with them; one whose former location is unreachable stays for the next
     * pass.
     */
    private Outcome sweep(VendorWebhooks vendor, ConnectionRow connection, List<EndpointRow> here) {
        String prefix = prefix(vendor);
        int deleted = 0;
        for (VendorWebhooks.Hook hook : vendor.list()) {
            Optional<String> token = EndpointTokens.fromUrl(hook.url(), prefix);
            if (token.isPresent() && removeIfStray(vendor, hook, EndpointTokens.hash(token.get()), connection)) {
                deleted++;
            }
        }
        dropEndpointsExcept(here, null);
        return new Outcome(REMOVED, "deleted " + deleted + " webhook(s) of ours at the vendor");
    }

    /** Deletes a registration of ours that no live connection owns, or that is an older one of {@code connection}. */
    private boolean removeIfStray(VendorWebhooks vendor, VendorWebhooks.Hook hook, byte[] hash, ConnectionRow connection) {
        Optional<String> owner = connections.liveOwner(hash);
        if (owner.isPresent() && !owner.get().equals(connection.id())) {
            return false; // another connection to the same vendor account
        }
        LOG.infof("deleting stray webhook %s at %s (tenant %s)", hook.id(), connection.vendor().wireName(), connection.tenant());
        vendor.delete(hook);
        connections.deleteEndpoint(hash);
        directory.remove(hash);
        return true;
    }

    /** Creates a registration under a new token; returns its vendor id. */
    private String register(VendorWebhooks vendor, ConnectionRow connection, String prefix, List<EndpointRow> here) {
        String token = EndpointTokens.generate();
        byte[] hash = EndpointTokens.hash(token);
        String secret = null;
        if (vendor.needsSecret()) {
            // stored before the vendor can use it: no delivery signed with it can arrive before we can verify it
            secret = EndpointTokens.secret(30);
            credentials.storeWebhookSecret(connection.id(), secret);
            secrets.forget(connection.id());
        }
        connections.addEndpoint(hash, connection, vendor.location());
        directory.put(hash, new Endpoint(connection.tenant(), connection.id(), connection.vendor(), connection.setting("siteUrl")));
        VendorWebhooks.Hook created;
        try {
            created = vendor.create(prefix + token, secret);
        } catch (RuntimeException e) {
            connections.deleteEndpoint(hash);
            directory.remove(hash);
            throw e;
        }
        connections.setVendorWebhookId(hash, created.id());
        dropEndpointsExcept(here, hash);
        // a failure from here on leaves the registration for the next pass to complete
        vendor.complete(created);
        LOG.infof("registered webhook %s at %s for connection %s (tenant %s)", created.id(), connection.vendor().wireName(),
                connection.id(), connection.tenant());
        return created.id();
    }

    /** Tokens among {@code rows} (the connection's at its current location) other than {@code keep} post to nothing now. */
    private void dropEndpointsExcept(List<EndpointRow> rows, byte[] keep) {
        for (EndpointRow row : rows) {
            if (keep == null || !Arrays.equals(row.tokenHash(), keep)) {
                connections.deleteEndpoint(row.tokenHash());
                directory.remove(row.tokenHash());
            }
        }
    }

    /**
     * Removes the registrations the connection left at locations it moved away from (its Manage site or company
     * changed; {@code left} are its endpoint rows there), with its current credentials. The vendor there being
     * unreachable or busy keeps the endpoint for the next pass; a refusal (the keys or company are not valid there)
     * cannot be retried, so the endpoint is dropped and the detail asks for removal by hand. Returns what the pass's
     * detail should say about it, or "".
     */
    private String removeAtFormerLocations(List<EndpointRow> left, ConnectionRow connection, ConnectionCredentials read) {
        List<String> said = new ArrayList<>();
        for (EndpointRow row : left) {
            String where = describe(row.location());
            try {
                VendorWebhooks former = vendorSide(connection, read, row.location());
                String prefix = prefix(former);
                for (VendorWebhooks.Hook hook : former.list()) {
                    Optional<String> token = EndpointTokens.fromUrl(hook.url(), prefix);
                    if (token.isPresent() && Arrays.equals(EndpointTokens.hash(token.get()), row.tokenHash())) {
                        former.delete(hook);
                        said.add("deleted webhook " + hook.id() + " at the former location " + where);
                    }
                }
            } catch (VendorUnreachableException | VendorApiException e) {
                boolean lasting = e instanceof VendorApiException refused && !retryable(refused.kind());
                if (!lasting) {
                    said.add("the webhook at the former location " + where + " is removed on a later pass: " + e.getMessage());
                    continue;
                }
                LOG.warnf("connection %s (tenant %s): its webhook at the former location %s could not be removed: %s",
                        connection.id(), connection.tenant(), where, e.getMessage());
                said.add("the webhook at the former location " + where + " could not be removed (" + e.getMessage()
                        + "): delete it there by hand");
            }
            connections.deleteEndpoint(row.tokenHash());
            directory.remove(row.tokenHash());
        }
        return String.join("; ", said);
    }

    /**
     * Whether a recorded location is {@code current}: the same settings, compared as the vendors do (host names and
     * company ids are case-insensitive). An endpoint recorded without a location is taken to be where the connection is.
     */
    static boolean sameLocation(Map<String, String> recorded, Map<String, String> current) {
        if (recorded.isEmpty()) {
            return true;
        }
        return recorded.keySet().equals(current.keySet())
                && recorded.entrySet().stream().allMatch(e -> e.getValue().equalsIgnoreCase(current.get(e.getKey())));
    }

    private static boolean retryable(VendorApiException.Kind kind) {
        return kind == VendorApiException.Kind.RATE_LIMITED || kind == VendorApiException.Kind.OTHER;
    }

    private static String describe(Map<String, String> location) {
        List<String> parts = new ArrayList<>();
        location.forEach((name, value) -> parts.add(name + " " + value));
        return String.join(", ", parts);
    }

    private String prefix(VendorWebhooks vendor) {
        String base = config.publicBaseUrl().endsWith("/") ? config.publicBaseUrl().substring(0, config.publicBaseUrl().length() - 1)
                : config.publicBaseUrl();
        return base + "/webhooks/" + vendor.pathSegment() + "/";
    }

    /** The connection's registrations where its settings point, or at {@code location} (settings that override them). */
    private VendorWebhooks vendorSide(ConnectionRow connection, ConnectionCredentials read, Map<String, String> location) {
        UnaryOperator<String> setting = name -> location.getOrDefault(name, read.setting(name));
        return switch (connection.vendor()) {
            case AUTOTASK -> {
                AutotaskCredentials login = new AutotaskCredentials(read.setting("username"), read.secret("secret"),
                        read.secret("integrationCode"), null); // no impersonation: the webhook belongs to the API user
                String zone = read.setting("zoneUrl") != null ? restRoot(read.setting("zoneUrl"))
                        : AutotaskClient.discoverZone(http, URI.create(config.registration().autotaskDiscoveryUrl()),
                        login.username()).url();
                Set<Long> excluded = new LinkedHashSet<>();
                long apiUser = Long.parseLong(read.setting("apiMemberId"));
                excluded.add(apiUser);
                if (read.setting("impersonationResourceId") != null) {
                    excluded.add(Long.parseLong(read.setting("impersonationResourceId")));
                }
                yield new AutotaskWebhookRegistration(AutotaskClient.forZone(http, login, zone), connection.id(), excluded,
                        config.registration().autotaskMaxWebhooks());
            }
            case CONNECTWISE_MANAGE -> new ManageCallbackRegistration(ManageClient.connect(http, new ManageCredentials(
                    setting.apply("siteUrl"), setting.apply("companyId"), read.setting("publicKey"), read.secret("privateKey"),
                    read.setting("clientId"))), connection.id(), setting.apply("siteUrl"), setting.apply("companyId"));
            default -> throw new IllegalStateException("no webhooks for " + connection.vendor());
        };
    }

    /** A zone setting may be the host only ({@code https://webservices15.autotask.net}): the REST root is under it. */
    static String restRoot(String zoneUrl) {
        String root = zoneUrl.endsWith("/") ? zoneUrl : zoneUrl + "/";
        return root.toLowerCase(Locale.ROOT).contains("/atservicesrest/") ? root : root + "ATServicesRest/";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
