package io.switchboard.credential;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.SandboxDemoTenant;
import io.switchboard.testsupport.SharedInfra;
import io.switchboard.testsupport.Tokens;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests as the realm's demo users and service clients, with their real Keycloak tokens (cached per JVM), and
 * connection bodies for the vendor sandbox's demo tenant: every connection a test saves is validated against the
 * sandbox, never against a real vendor.
 */
final class Api {

    static final String ADMIN = "demo-admin";
    static final String VIEWER = "demo-viewer";
    static final String OTHER_ADMIN = "other-admin";
    static final String CONNECTIONS = "/api/v1/connections";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static Map<String, String> demo;

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

    /** The sandbox demo tenant's credentials (the lines ./switchboard env prints), read once. */
    static synchronized String demo(String name) {
        if (demo == null) {
            demo = SandboxDemoTenant.credentials();
        }
        String value = demo.get(name);
        if (value == null) {
            throw new IllegalStateException("the sandbox demo tenant has no " + name);
        }
        return value;
    }

    static String sandbox() {
        return SharedInfra.sandbox().url();
    }

    /** The demo tenant's Autotask API user with this secret and integration code; the zone is discovered. */
    static String autotask(String secret, String integrationCode) {
        return """
                {"vendor": "autotask", "displayName": "Main PSA",
                 "settings": {"username": "%s", "apiMemberId": %s, "impersonationResourceId": "%s"},
                 "secrets": {"secret": "%s", "integrationCode": "%s"}}"""
                .formatted(demo("AUTOTASK_USERNAME"), demo("AUTOTASK_API_RESOURCE_ID"),
                        demo("AUTOTASK_IMPERSONATION_RESOURCE_ID"), secret, integrationCode);
    }

    /** The demo tenant's Manage API member on the sandbox site with this private key. */
    static String manage(String privateKey) {
        return manage(sandbox(), privateKey);
    }

    static String manage(String siteUrl, String privateKey) {
        return """
                {"vendor": "connectwise-manage",
                 "settings": {"siteUrl": "%s", "companyId": "%s", "publicKey": "%s",
                              "apiMemberIdentifier": "%s", "clientId": "%s"},
                 "secrets": {"privateKey": "%s"}}"""
                .formatted(siteUrl, demo("MANAGE_COMPANY_ID"), demo("MANAGE_PUBLIC_KEY"), SandboxVendors.MANAGE_API_MEMBER,
                        demo("MANAGE_CLIENT_ID"), privateKey);
    }

    /** The demo tenant's Automate integrator user on the sandbox server with this password. */
    static String automate(String password) {
        return """
                {"vendor": "connectwise-automate",
                 "settings": {"serverUrl": "%s", "username": "%s", "clientId": "%s"},
                 "secrets": {"password": "%s"}}"""
                .formatted(sandbox(), demo("AUTOMATE_USERNAME"), demo("AUTOMATE_CLIENT_ID"), password);
    }

    /** Creates a connection as {@code user} and returns its id. */
    static String create(String user, String body) {
        return as(user).contentType(ContentType.JSON).body(body)
                .post(CONNECTIONS)
                .then().statusCode(201)
                .extract().path("id");
    }
}
