package io.switchboard.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ControlApiTest {

    @Test
    void envIsShellQuotedExportLines() {
        given().get("/_sandbox/demo-tenant/env").then().statusCode(200).contentType(startsWith("text/plain"))
                .body(containsString("export AUTOTASK_USERNAME='api.switchboard@sandbox.example'\n"))
                .body(containsString("export AUTOTASK_API_URL='http://localhost:"))
                .body(containsString("export MANAGE_CLIENT_ID='7c6a4d1e-2f8b-4b1a-9d3e-5a6b7c8d9e01'\n"))
                .body(containsString("export AUTOMATE_MFA_TOTP_SECRET='JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'\n"));
    }

    @Test
    void resetIsDeterministic() {
        String a = given().post("/_sandbox/reset?seed=7").then().statusCode(200).body("tickets", equalTo(400)).extract().asString();
        String t1 = AutotaskApiTest.at().get(AutotaskApiTest.V1 + "/Tickets/70100").asString();
        given().post("/_sandbox/reset?seed=7").then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(t1, AutotaskApiTest.at().get(AutotaskApiTest.V1 + "/Tickets/70100").asString());
        given().post("/_sandbox/reset").then().statusCode(200);
    }

    @Test
    void errorsAreProblemJson() {
        given().contentType("application/json").body("{\"rate500\":150}").put("/_sandbox/faults/autotask/Tickets").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", equalTo("rates are percentages between 0 and 100"));
        given().contentType("application/json").body("{}").put("/_sandbox/faults/nope/x").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"technician\":29682800}").post("/_sandbox/act/autotask/tickets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("resource 29682800 is not a technician"));
    }

    @Test
    void tlsListenerServesTheVendorApisWithTheExposedCertificate() throws Exception {
        int port = given().get("/_sandbox/tls").then().statusCode(200).extract().path("port");
        String pem = given().get("/_sandbox/tls/ca.pem").then().statusCode(200).extract().asString();
        java.security.cert.Certificate cert = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sandbox", cert);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder().sslContext(ssl).build().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + port
                        + "/login/companyinfo/switchboard_demo")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(200, r.statusCode());
        org.junit.jupiter.api.Assertions.assertTrue(r.body().contains("\"Codebase\":\"v2025_1/\""), r.body());
        given().get("/_sandbox/demo-tenant/env").then().body(containsString("export SANDBOX_HTTPS_URL='https://localhost:" + port + "'"));
    }
}
