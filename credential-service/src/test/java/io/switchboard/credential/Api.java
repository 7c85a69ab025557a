package io.switchboard.credential;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.Tokens;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Requests as the realm's demo users and service clients, with their real Keycloak tokens (cached per JVM). */
final class Api {

    static final String ADMIN = "demo-admin";
    static final String VIEWER = "demo-viewer";
    static final String OTHER_ADMIN = "other-admin";
    static final String CONNECTIONS = "/api/v1/connections";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(TOKENS.computeIfAbsent("user:" + user, k -> Tokens.user(user)));
    }

    static RequestSpecification asService(String client) {
        return given().auth().oauth2(TOKENS.computeIfAbsent("service:" + client, k -> Tokens.service(client)));
    }

    /** A unique secret per call, long enough to get a 4-character hint; tests grep for it. */
    static String secret(String label) {
        return label + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    static String autotask(String secret, String integrationCode) {
        return """
                {"vendor": "autotask", "displayName": "Main PSA",
                 "settings": {"username": "api-neo@acme.example", "apiMemberId": 342, "impersonationResourceId": "29682885",
                              "zoneUrl": "https://webservices15.autotask.net"},
                 "secrets": {"secret": "%s", "integrationCode": "%s"}}""".formatted(secret, integrationCode);
    }

    static String manage(String siteUrl, String privateKey) {
        return """
                {"vendor": "connectwise-manage",
                 "settings": {"siteUrl": "%s", "companyId": "acme", "publicKey": "pubKey123",
                              "apiMemberIdentifier": "neo-api", "clientId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
                 "secrets": {"privateKey": "%s"}}""".formatted(siteUrl, privateKey);
    }

    /** Creates a connection as {@code user} and returns its id. */
    static String create(String user, String body) {
        return as(user).contentType(ContentType.JSON).body(body)
                .post(CONNECTIONS)
                .then().statusCode(201)
                .extract().path("id");
    }
}
