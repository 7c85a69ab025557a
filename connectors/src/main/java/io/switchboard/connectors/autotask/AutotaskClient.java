package io.switchboard.connectors.autotask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.Json;
import io.switchboard.connectors.http.VendorErrors;
import io.switchboard.connectors.http.VendorHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    /** Autotask errors: {@code {"errors": ["message", ...]}}. */
    private static final VendorErrors ERRORS = new VendorErrors(VENDOR, body -> {
        List<String> errors = new ArrayList<>();
        body.path("errors").forEach(e -> errors.add(e.asText()));
        return errors;
    }, AutotaskClient::classify);

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), true);
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

    private JsonNode send(HttpRequest request, String operation) {
        return ERRORS.body(http.send(request, false), operation);
    }

    private HttpRequest.Builder request(String path) {
        return request(apiRoot.resolve(path));
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("ApiIntegrationCode", credentials.integrationCode())
                .header("UserName", credentials.username())
                .header("Secret", credentials.secret())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private HttpRequest.Builder withImpersonation(HttpRequest.Builder builder) {
        return credentials.impersonationResourceId() == null ? builder
                : builder.header("ImpersonationResourceId", credentials.impersonationResourceId().toString());
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
