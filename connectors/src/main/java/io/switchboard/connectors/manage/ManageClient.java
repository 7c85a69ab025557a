package io.switchboard.connectors.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.Json;
import io.switchboard.connectors.http.VendorErrors;
import io.switchboard.connectors.http.QueryString;
import io.switchboard.connectors.http.VendorHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ConnectWise Manage REST 3.0 for one API member: codebase discovery, Basic auth with the required clientId,
 * paged lists, counts, create (201), PATCH operations and delete (204), with Manage's error bodies mapped to
 * {@link VendorApiException.Kind}. Writes are not retried here; the caller's ledger decides.
 */
public final class ManageClient {

    public static final int MAX_PAGE_SIZE = 1000;
    /** The API version this client is written against; Manage answers in it whatever its own version. */
    static final String ACCEPT = "application/vnd.connectwise.com+json; version=2025.8";

    private static final String VENDOR = "ConnectWise Manage";
    /** Manage errors: {@code {"code","message","errors":[{"code","message","resource","field"}]}}. */
    private static final VendorErrors ERRORS = new VendorErrors(VENDOR, body -> {
        List<String> messages = new ArrayList<>();
        if (body.hasNonNull("message")) {
            messages.add(body.get("message").asText());
        }
        body.path("errors").forEach(e -> messages.add(e.path("message").asText()));
        return messages;
    }, VendorApiException.Kind::fromStatus);

    private final VendorHttp http;
    private final ManageCredentials credentials;
    private final String apiRoot;

    private ManageClient(VendorHttp http, ManageCredentials credentials, String apiRoot) {
        this.http = http;
        this.credentials = credentials;
        this.apiRoot = apiRoot;
    }

    /** Unauthenticated codebase lookup; Manage answers an unknown company with 200 and {@code null}. */
    public static Optional<ManageCompanyInfo> companyInfo(VendorHttp http, String siteUrl, String companyId) {
        // the company id is what the admin typed on the login screen: it may hold spaces and the like
        URI uri = URI.create(trimSlash(siteUrl) + "/login/companyinfo/"
                + URLEncoder.encode(companyId, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpResponse<String> response = http.send(http.request(uri).GET().build(), true);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode info = ERRORS.body(response, "company info");
        if (info.isNull() || !info.hasNonNull("Codebase")) {
            return Optional.empty();
        }
        return Optional.of(new ManageCompanyInfo(info.path("CompanyName").asText(), info.path("Codebase").asText(),
                info.path("VersionCode").asText(null), info.path("CompanyID").asText(), info.path("IsCloud").asBoolean()));
    }

    /** Discovers the company's codebase and returns a client for it; an unknown company is an authentication error. */
    public static ManageClient connect(VendorHttp http, ManageCredentials credentials) {
        ManageCompanyInfo info = companyInfo(http, credentials.siteUrl(), credentials.companyId())
                .orElseThrow(() -> new VendorApiException(VENDOR, 200, VendorApiException.Kind.AUTHENTICATION,
                        List.of("company id " + credentials.companyId() + " is not known to " + credentials.siteUrl()),
                        "company info"));
        return forCompany(http, credentials, info);
    }

    /** A client for the codebase {@link #companyInfo} found. */
    public static ManageClient forCompany(VendorHttp http, ManageCredentials credentials, ManageCompanyInfo info) {
        String codebase = info.codebase().endsWith("/") ? info.codebase() : info.codebase() + "/";
        return new ManageClient(http, credentials, trimSlash(credentials.siteUrl()) + "/" + codebase + "apis/3.0/");
    }

    /** e.g. {@code get("service/tickets/4711")}. */
    public JsonNode get(String path) {
        return ERRORS.body(http.send(request(apiRoot + path).GET().build(), true), "get " + path);
    }

    /** Every page of a collection, following the Link header's next entry (or the next page number). */
    public void list(String path, ManageQuery query, Consumer<JsonNode> each) {
        for (int page = 1; ; page++) {
            HttpResponse<String> response = http.send(request(pageUrl(path, query, page)).GET().build(), true);
            JsonNode items = ERRORS.body(response, "list " + path);
            items.forEach(each);
            boolean hasNext = response.headers().firstValue("Link").map(l -> l.contains("rel=\"next\""))
                    .orElse(items.size() == query.pageSize());
            if (!hasNext || items.isEmpty()) {
                return;
            }
        }
    }

    /** Only the first page, e.g. one record with {@code pageSize(1)}. */
    public List<JsonNode> firstPage(String path, ManageQuery query) {
        List<JsonNode> items = new ArrayList<>();
        ERRORS.body(http.send(request(pageUrl(path, query, 1)).GET().build(), true), "list " + path).forEach(items::add);
        return items;
    }

    private String pageUrl(String path, ManageQuery query, int page) {
        return apiRoot + path + new QueryString().with("conditions", query.conditions())
                .with("orderBy", query.orderBy()).with("fields", query.fields())
                .with("page", page).with("pageSize", query.pageSize());
    }

    public List<JsonNode> listAll(String path, ManageQuery query) {
        List<JsonNode> items = new ArrayList<>();
        list(path, query, items::add);
        return items;
    }

    public long count(String path, String conditions) {
        return countWith(path, new QueryString().with("conditions", conditions));
    }

    /**
     * The inquire level of the entry behind {@code path}: a count, with {@code parameters} where the collection needs
     * some (e.g. {@code recordType} and {@code recordId} of {@code system/documents}).
     */
    public PermissionProbe probeInquire(String path, QueryString parameters) {
        return PermissionProbe.read(() -> countWith(path, parameters));
    }

    private long countWith(String path, QueryString parameters) {
        String url = apiRoot + path + "/count" + parameters;
        return ERRORS.body(http.send(request(url).GET().build(), true), "count " + path).path("count").asLong();
    }

    /** The inquire level of an entry whose collection has no count (e.g. {@code system/myCompany/other}): a page of one. */
    public PermissionProbe probeList(String path) {
        return PermissionProbe.read(() -> firstPage(path, new ManageQuery(null, null, null, 1)));
    }

    /** The add level: POST {@code {}}, refused with 403 without it and 400 (an invalid object) with it. */
    public PermissionProbe probeAdd(String path) {
        return PermissionProbe.of(() -> ERRORS.body(http.send(request(apiRoot + path)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), false), "probe add " + path),
                e -> e.kind() == VendorApiException.Kind.BAD_REQUEST);
    }

    /** The edit level: PATCH {@code path/0} with no operations, refused with 403 without it and 404 with it. */
    public PermissionProbe probeEdit(String path) {
        return PermissionProbe.of(() -> ERRORS.body(http.send(request(apiRoot + path + "/0")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("[]")).build(), false), "probe edit " + path),
                e -> e.kind() == VendorApiException.Kind.NOT_FOUND);
    }

    /** The delete level: DELETE {@code path/0}, refused with 403 without it and 404 with it. */
    public PermissionProbe probeDelete(String path) {
        return PermissionProbe.of(() -> ERRORS.body(http.send(request(apiRoot + path + "/0").DELETE().build(), false),
                "probe delete " + path), e -> e.kind() == VendorApiException.Kind.NOT_FOUND);
    }

    /** POST; Manage answers 201 with the created record. */
    public JsonNode create(String path, ObjectNode record) {
        HttpRequest request = request(apiRoot + path).POST(HttpRequest.BodyPublishers.ofString(record.toString())).build();
        return ERRORS.body(http.send(request, false), "create " + path);
    }

    /** PATCH with JSON-patch style operations, e.g. {@code replace status {"id": 12}}. */
    public JsonNode patch(String path, List<PatchOperation> operations) {
        ArrayNode body = Json.MAPPER.createArrayNode();
        operations.forEach(op -> body.addObject().put("op", op.op()).put("path", op.path()).set("value", op.value()));
        HttpRequest request = request(apiRoot + path).method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return ERRORS.body(http.send(request, false), "patch " + path);
    }

    public void delete(String path) {
        ERRORS.body(http.send(request(apiRoot + path).DELETE().build(), false), "delete " + path);
    }

    /** One element of a Manage PATCH body. */
    public record PatchOperation(String op, String path, JsonNode value) {

        public static PatchOperation replace(String path, Object value) {
            return new PatchOperation("replace", path, Json.MAPPER.valueToTree(value));
        }
    }

    private HttpRequest.Builder request(String url) {
        String user = credentials.companyId() + "+" + credentials.publicKey() + ":" + credentials.privateKey();
        HttpRequest.Builder builder = http.request(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", ACCEPT)
                .header("Content-Type", "application/json");
        if (credentials.clientId() != null && !credentials.clientId().isBlank()) {
            builder.header("clientId", credentials.clientId());
        }
        return builder;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
