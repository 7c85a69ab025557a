package io.switchboard.connectors.automate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.Json;
import io.switchboard.connectors.http.VendorErrors;
import io.switchboard.connectors.http.QueryString;
import io.switchboard.connectors.http.VendorHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * ConnectWise Automate REST v1 for one user: token login (with the two-step TOTP flow for users without the
 * integrator flag), a fresh login shortly before the token expires, and page-by-page lists.
 */
public final class AutomateClient {

    public static final int MAX_PAGE_SIZE = 1000;

    private static final String VENDOR = "ConnectWise Automate";
    /** Automate errors are ASP.NET Web API's {@code {"Message": "..."}}. */
    private static final VendorErrors ERRORS = new VendorErrors(VENDOR,
            body -> body.hasNonNull("Message") ? List.of(body.get("Message").asText()) : List.of(),
            VendorApiException.Kind::fromStatus);

    /** Renew this long before expiry so a token never lapses mid-request. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    private final VendorHttp http;
    private final AutomateCredentials credentials;
    private final Clock clock;
    private final String apiRoot;
    private String accessToken;
    private Instant expiresAt = Instant.MIN;

    public AutomateClient(VendorHttp http, AutomateCredentials credentials, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.clock = clock;
        String server = credentials.serverUrl().endsWith("/") ? credentials.serverUrl() : credentials.serverUrl() + "/";
        this.apiRoot = server + "cwa/api/v1/";
    }

    /**
     * How the user signed in.
     *
     * @param twoFactor false for a password-only sign-in (an integrator user), true when a TOTP code was needed
     * @param userId    Automate's user id, when it says
     * @param userName  Automate's internal name of the user
     */
    public record SignIn(boolean twoFactor, String userId, String userName) {
    }

    /**
     * Signs in: first with user name and password; when Automate asks for a second factor, again with the TOTP
     * code, or fails with {@code TWO_FACTOR_REQUIRED} when no TOTP secret was given and with
     * {@code TWO_FACTOR_CODE_REJECTED} when the code is refused.
     */
    public synchronized SignIn login() {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("UserName", credentials.username()).put("Password", credentials.password());
        JsonNode result = postToken(body);
        boolean twoFactor = result.path("IsTwoFactorRequired").asBoolean() && !result.hasNonNull("AccessToken");
        if (twoFactor) {
            if (credentials.totpSecret() == null || credentials.totpSecret().isBlank()) {
                throw new VendorApiException(VENDOR, 200, VendorApiException.Kind.TWO_FACTOR_REQUIRED,
                        List.of("user " + credentials.username() + " needs a two-factor code: give its TOTP secret or use an integrator user"),
                        "sign in");
            }
            result = secondFactor(body);
        }
        accessToken = result.path("AccessToken").asText();
        expiresAt = result.hasNonNull("ExpirationDate") ? Instant.parse(result.get("ExpirationDate").asText())
                : clock.instant().plus(Duration.ofHours(1));
        return new SignIn(twoFactor, result.path("UserId").asText(null), result.path("InternalUserName").asText(credentials.username()));
    }

    private JsonNode secondFactor(ObjectNode body) {
        String code;
        try {
            code = Totp.code(credentials.totpSecret(), clock.instant());
        } catch (IllegalArgumentException e) {
            throw new VendorApiException(VENDOR, 0, VendorApiException.Kind.TWO_FACTOR_CODE_REJECTED,
                    List.of("the TOTP secret is not a base32 authenticator key"), "sign in");
        }
        try {
            return postToken(body.put("TwoFactorPasscode", code));
        } catch (VendorApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            // the password was accepted by the first step: a refusal now is the code's
            throw new VendorApiException(VENDOR, e.status(), VendorApiException.Kind.TWO_FACTOR_CODE_REJECTED, e.messages(), "sign in");
        }
    }

    public JsonNode get(String path, QueryString query) {
        return ERRORS.body(http.send(request(apiRoot + path + query).GET().build(), true), "get " + path);
    }

    /** Every page until a short or empty one: Automate sends neither a total nor a next link. */
    public void list(String resource, String condition, String orderBy, int pageSize, Consumer<JsonNode> each) {
        for (int page = 1; ; page++) {
            JsonNode items = get(resource, new QueryString().with("condition", condition).with("orderby", orderBy)
                    .with("page", page).with("pagesize", pageSize));
            items.forEach(each);
            if (items.size() < pageSize) {
                return;
            }
        }
    }

    /** Whether the user class may read {@code resource}: its first page of one. */
    public PermissionProbe probeRead(String resource) {
        return PermissionProbe.read(() -> get(resource, new QueryString().with("pagesize", 1)));
    }

    public List<JsonNode> listAll(String resource, String condition) {
        List<JsonNode> items = new ArrayList<>();
        list(resource, condition, "Id asc", MAX_PAGE_SIZE, items::add);
        return items;
    }

    private JsonNode postToken(ObjectNode body) {
        HttpRequest request = base(apiRoot + "apitoken")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return ERRORS.body(http.send(request, false), "sign in");
    }

    private synchronized HttpRequest.Builder request(String url) {
        if (accessToken == null || clock.instant().isAfter(expiresAt.minus(RENEW_BEFORE))) {
            login();
        }
        return base(url).header("Authorization", "Bearer " + accessToken);
    }

    private HttpRequest.Builder base(String url) {
        HttpRequest.Builder builder = http.request(URI.create(url)).header("Accept", "application/json");
        if (credentials.clientId() != null && !credentials.clientId().isBlank()) {
            builder.header("clientId", credentials.clientId());
        }
        return builder;
    }

}
