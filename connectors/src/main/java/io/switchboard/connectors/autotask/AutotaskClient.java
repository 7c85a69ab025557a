package io.switchboard.connectors.autotask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.VendorErrors;
import io.switchboard.connectors.http.VendorHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Autotask REST v1.0 for one API user: zone discovery, header authentication, paged queries, reads and writes,
 * with Autotask's errors mapped to {@link VendorApiException.Kind}. Writes are not retried here: the caller's
 * ledger decides, because a lost answer does not mean a lost write.
 */
public final class AutotaskClient {

    /** Autotask's global discovery root; the sandbox is used by pointing this elsewhere. */
    public static final URI DEFAULT_DISCOVERY_URL = URI.create("https://webservices.autotask.net/atservicesrest/");

    private static final String VENDOR = "Autotask";
    private static final String IMPERSONATION_HEADER = "ImpersonationResourceId";
    private static final HttpRequest.BodyPublisher EMPTY_OBJECT = HttpRequest.BodyPublishers.ofString("{}");
    /** Autotask errors: {@code {"errors": ["message", ...]}}. */
    private static final VendorErrors ERRORS = new VendorErrors(VENDOR, body -> {
        List<String> errors = new ArrayList<>();
        body.path("errors").forEach(e -> errors.add(e.asText()));
        return errors;
    }, AutotaskClient::classify);

    private final VendorHttp http;
    private final AutotaskCredentials credentials;
    private final URI apiRoot;

    private AutotaskClient(VendorHttp http, AutotaskCredentials credentials, URI apiRoot) {
        this.http = http;
        this.credentials = credentials;
        this.apiRoot = apiRoot;
    }

    /** A client for a known zone (the REST root from zoneInformation, e.g. https://webservices5.autotask.net/ATServicesRest/). */
    public static AutotaskClient forZone(VendorHttp http, AutotaskCredentials credentials, String zoneUrl) {
        String root = zoneUrl.endsWith("/") ? zoneUrl : zoneUrl + "/";
        return new AutotaskClient(http, credentials, URI.create(root + "V1.0/"));
    }

    /** Looks up the user's zone; needs no authentication. An unknown user is an {@code AUTHENTICATION} error. */
    public static AutotaskZone discoverZone(VendorHttp http, URI discoveryUrl, String username) {
        URI uri = discoveryUrl.resolve("v1.0/zoneInformation?user=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(http.request(uri).GET().build(), true);
        JsonNode body = ERRORS.body(response, "zone discovery");
        return new AutotaskZone(body.path("zoneName").asText(), body.path("url").asText(),
                body.path("webUrl").asText(null), body.path("ci").asInt());
    }

    /** {@code GET /{entity}/{id}}; Autotask wraps the record as {@code {"item": …}}. */
    public JsonNode get(String entity, long id) {
        JsonNode item = ERRORS.body(http.send(request(entity + "/" + id).GET().build(), true), "get " + entity).path("item");
        if (item.isMissingNode() || item.isNull()) {
            throw new VendorApiException(VENDOR, 404, VendorApiException.Kind.NOT_FOUND, List.of(), "get " + entity + " " + id);
        }
        return item;
    }

    /** Field metadata with picklists ({@code /entityInformation/fields}): status values, queues, webhook field ids. */
    public JsonNode fields(String entity) {
        return ERRORS.body(http.send(request(entity + "/entityInformation/fields").GET().build(), true), "fields of " + entity)
                .path("fields");
    }

    /** Streams every page of a query to {@code each}, following {@code nextPageUrl} by POST with the same body. */
    public void query(String entity, AutotaskQuery query, Consumer<JsonNode> each) {
        String body = query.toJson();
        URI next = apiRoot.resolve(entity + "/query");
        while (next != null) {
            JsonNode page = ERRORS.body(http.send(request(next).POST(HttpRequest.BodyPublishers.ofString(body)).build(), true),
                    "query " + entity);
            page.path("items").forEach(each);
            JsonNode nextPage = page.path("pageDetails").path("nextPageUrl");
            next = nextPage.isTextual() && !nextPage.asText().isBlank() ? URI.create(nextPage.asText()) : null;
        }
    }

    /** Only the first page of a query, e.g. one record with {@code maxRecords(1)}. */
    public List<JsonNode> firstPage(String entity, AutotaskQuery query) {
        HttpRequest request = request(entity + "/query").POST(HttpRequest.BodyPublishers.ofString(query.toJson())).build();
        List<JsonNode> items = new ArrayList<>();
        ERRORS.body(http.send(request, true), "query " + entity).path("items").forEach(items::add);
        return items;
    }

    public List<JsonNode> queryAll(String entity, AutotaskQuery query) {
        List<JsonNode> items = new ArrayList<>();
        query(entity, query, items::add);
        return items;
    }

    public long count(String entity, AutotaskQuery query) {
        HttpRequest request = request(entity + "/query/count").POST(HttpRequest.BodyPublishers.ofString(query.toJson())).build();
        return ERRORS.body(http.send(request, true), "count " + entity).path("queryCount").asLong();
    }

    /** Creates a record, as the impersonated resource when the credentials name one; returns its id. */
    public long create(String entity, ObjectNode record) {
        return created(send(withImpersonation(request(entity)).POST(json(record)).build(), "create " + entity));
    }

    /** Creates a child record, e.g. {@code createChild("Tickets", 42, "Notes", note)}. */
    public long createChild(String parentEntity, long parentId, String childEntity, ObjectNode record) {
        String path = parentEntity + "/" + parentId + "/" + childEntity;
        return created(send(withImpersonation(request(path)).POST(json(record)).build(), "create " + path));
    }

    /** Autotask updates with PATCH on the collection URL, the id inside the body. */
    public void update(String entity, ObjectNode changes) {
        if (!changes.hasNonNull("id")) {
            throw new IllegalArgumentException("an Autotask update names the record by an id field in the body");
        }
        send(withImpersonation(request(entity)).method("PATCH", json(changes)).build(), "update " + entity);
    }

    public void delete(String entity, long id) {
        send(request(entity + "/" + id).DELETE().build(), "delete " + entity);
    }

    /** Whether the security level lets the API user read {@code entity}: a count. */
    public PermissionProbe probeQuery(String entity) {
        return PermissionProbe.read(() -> count(entity, AutotaskQuery.all()));
    }

    /**
     * A refused create: POST {@code {}} to {@code path} (e.g. {@code TicketWebhooks}, {@code Tickets/0/Notes}), which
     * Autotask refuses either way, naming the missing permission or, when it is granted, the missing fields.
     */
    public PermissionProbe probeCreate(String path) {
        return PermissionProbe.of(() -> send(request(path).POST(EMPTY_OBJECT).build(), "probe create " + path),
                AutotaskClient::refusedAfterPermission);
    }

    /**
     * A refused create as the resource {@code impersonationResourceId}: Autotask first checks that the resource may
     * be impersonated at all, then that the API user may impersonate for the entity, then the body.
     */
    public ImpersonationProbe probeImpersonatedCreate(String path, long impersonationResourceId) {
        PermissionProbe probe = PermissionProbe.of(() -> send(request(path)
                        .header(IMPERSONATION_HEADER, Long.toString(impersonationResourceId)).POST(EMPTY_OBJECT).build(),
                "probe impersonated create " + path), AutotaskClient::refusedAfterPermission);
        ImpersonationProbe.Outcome outcome = switch (probe.outcome()) {
            case GRANTED -> ImpersonationProbe.Outcome.GRANTED;
            // the same words serve both: only the impersonation refusal mentions impersonating
            case DENIED -> probe.vendorError() != null && probe.vendorError().toLowerCase(Locale.ROOT).contains("impersonat")
                    ? ImpersonationProbe.Outcome.IMPERSONATION_DENIED : ImpersonationProbe.Outcome.ENTITY_DENIED;
            case INCONCLUSIVE -> probe.kind() == VendorApiException.Kind.IMPERSONATION_REFUSED
                    ? ImpersonationProbe.Outcome.RESOURCE_REFUSED : ImpersonationProbe.Outcome.INCONCLUSIVE;
        };
        return new ImpersonationProbe(outcome, probe.vendorMessages());
    }

    /** Body validation and missing parents come after the permission check; Autotask reports them as 500 (or 4xx). */
    private static boolean refusedAfterPermission(VendorApiException e) {
        return e.kind() == VendorApiException.Kind.BAD_REQUEST || e.kind() == VendorApiException.Kind.NOT_FOUND
                || (e.kind() == VendorApiException.Kind.OTHER && e.status() == 500);
    }

    private JsonNode send(HttpRequest request, String operation) {
        return ERRORS.body(http.send(request, false), operation);
    }

    private HttpRequest.Builder request(String path) {
        return request(apiRoot.resolve(path));
    }

    private HttpRequest.Builder request(URI uri) {
        return http.request(uri)
                .header("ApiIntegrationCode", credentials.integrationCode())
                .header("UserName", credentials.username())
                .header("Secret", credentials.secret())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private HttpRequest.Builder withImpersonation(HttpRequest.Builder builder) {
        return credentials.impersonationResourceId() == null ? builder
                : builder.header(IMPERSONATION_HEADER, credentials.impersonationResourceId().toString());
    }

    private static HttpRequest.BodyPublisher json(ObjectNode record) {
        return HttpRequest.BodyPublishers.ofString(record.toString());
    }

    private static long created(JsonNode body) {
        return body.path("itemId").asLong();
    }

    /** Autotask reports several client errors as 500; the message tells them apart. */
    static VendorApiException.Kind classify(int status, List<String> errors) {
        String text = String.join(" ", errors).toLowerCase(Locale.ROOT);
        if (status == 401 || text.contains("zone information could not be determined")) {
            return VendorApiException.Kind.AUTHENTICATION;
        }
        if (text.contains("integrationcode is invalid")) {
            return VendorApiException.Kind.INVALID_INTEGRATION_CODE;
        }
        // the hourly request threshold of the database, and the per-endpoint thread threshold
        if (status == 429 || text.contains("request threshold") || text.contains("thread threshold")) {
            return VendorApiException.Kind.RATE_LIMITED;
        }
        if (text.contains("is not a valid, active resource") || text.contains("impersonation of an api-only resource")
                || text.contains("does not allow impersonation")) {
            return VendorApiException.Kind.IMPERSONATION_REFUSED;
        }
        if (text.contains("does not have the adequate permissions")) {
            return VendorApiException.Kind.PERMISSION;
        }
        if (text.contains("no matching records found")) {
            return VendorApiException.Kind.NOT_FOUND;
        }
        if (text.contains("maxcountofrecordstoreturn")) {
            return VendorApiException.Kind.BAD_REQUEST;
        }
        return VendorApiException.Kind.fromStatus(status, errors);
    }
}
