package io.switchboard.sandbox.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.autotask.service.AutotaskException;
import io.switchboard.sandbox.autotask.service.AutotaskLimits;
import io.switchboard.sandbox.autotask.service.AutotaskService;
import io.switchboard.sandbox.autotask.service.AutotaskZone;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.delivery.WebhookSender;
import io.switchboard.sandbox.manage.service.ManageException;
import io.switchboard.sandbox.manage.service.ManageService;
import io.switchboard.sandbox.tls.TlsListener;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The sandbox's own control API; everything here lives under /_sandbox and answers errors as problem+json. */
@Path("/_sandbox")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {
    private static final Set<String> VENDORS = Set.of("autotask", "manage", "automate");
    private final SandboxConfig config;
    private final Sandbox sandbox;
    private final WriteLog writeLog;
    private final Faults faults;
    private final AutotaskLimits limits;
    private final AutotaskService autotask;
    private final ManageService manage;
    private final WebhookSender sender;
    private final TlsListener tls;
    private final Permissions permissions;
    private final AutotaskZone zone;

    public ControlResource(SandboxConfig config, Sandbox sandbox, WriteLog writeLog, Faults faults, AutotaskLimits limits,
                           AutotaskService autotask, ManageService manage, WebhookSender sender, TlsListener tls,
                           Permissions permissions, AutotaskZone zone) {
        this.zone = zone;
        this.tls = tls;
        this.permissions = permissions;
        this.config = config;
        this.sandbox = sandbox;
        this.writeLog = writeLog;
        this.faults = faults;
        this.limits = limits;
        this.autotask = autotask;
        this.manage = manage;
        this.sender = sender;
    }

    static String quote(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    /** Shell lines with the demo tenant's credentials, pointing at the listener the caller reached. */
    @GET
    @Path("/demo-tenant/env")
    @Produces(MediaType.TEXT_PLAIN)
    public String env(@Context UriInfo uri) {
        String origin = uri.getBaseUri().toString().replaceAll("/$", "");
        SandboxConfig.Autotask at = config.autotask();
        SandboxConfig.Manage m = config.manage();
        SandboxConfig.Automate a = config.automate();
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        vars.put("AUTOTASK_API_URL", origin + "/atservicesrest/");
        vars.put("AUTOTASK_USERNAME", at.username());
        vars.put("AUTOTASK_SECRET", at.secret());
        vars.put("AUTOTASK_INTEGRATION_CODE", at.integrationCode());
        vars.put("AUTOTASK_API_RESOURCE_ID", String.valueOf(at.apiResourceId()));
        vars.put("AUTOTASK_IMPERSONATION_RESOURCE_ID", String.valueOf(at.impersonationResourceId()));
        vars.put("AUTOTASK_NOT_IMPERSONATABLE_RESOURCE_ID", String.valueOf(autotask.notImpersonatableResourceId()));
        vars.put("AUTOTASK_NO_ROLE_RESOURCE_ID", String.valueOf(autotask.noServiceDeskRoleResourceId()));
        vars.put("MANAGE_SITE_URL", origin);
        vars.put("MANAGE_COMPANY_ID", m.companyId());
        vars.put("MANAGE_PUBLIC_KEY", m.publicKey());
        vars.put("MANAGE_PRIVATE_KEY", m.privateKey());
        vars.put("MANAGE_CLIENT_ID", m.clientId());
        vars.put("AUTOMATE_SERVER_URL", origin);
        vars.put("AUTOMATE_USERNAME", a.username());
        vars.put("AUTOMATE_PASSWORD", a.password());
        vars.put("AUTOMATE_CLIENT_ID", a.clientId());
        vars.put("AUTOMATE_MFA_USERNAME", a.mfaUsername());
        vars.put("AUTOMATE_MFA_PASSWORD", a.mfaPassword());
        vars.put("AUTOMATE_MFA_TOTP_SECRET", a.totpSecret());
        if (tls.port() > 0) {
            vars.put("SANDBOX_HTTPS_URL", "https://localhost:" + tls.port());
            vars.put("SANDBOX_CA_FILE", tls.caFile().toString());
        }
        StringBuilder sb = new StringBuilder();
        vars.forEach((k, v) -> sb.append("export ").append(k).append('=').append(quote(v)).append('\n'));
        return sb.toString();
    }

    /** The HTTPS listener and the certificate to trust (for Node: NODE_EXTRA_CA_CERTS=caFile). */
    @GET
    @Path("/tls")
    public Map<String, Object> tls() {
        if (tls.port() < 0) {
            throw new ProblemException(404, "the TLS listener is disabled (sandbox.tls.enabled=false)");
        }
        return Map.of("port", tls.port(), "caFile", tls.caFile().toString());
    }

    @GET
    @Path("/tls/ca.pem")
    @Produces("application/x-pem-file")
    public String caPem() throws java.io.IOException {
        tls();
        return java.nio.file.Files.readString(tls.caFile());
    }

    @POST
    @Path("/reset")
    public Map<String, Object> reset(@QueryParam("seed") Long seed, @QueryParam("scale") String scale) {
        return sandbox.reset(seed, scale);
    }

    @GET
    @Path("/write-log")
    public List<WriteLog.Entry> writeLog(@QueryParam("vendor") String vendor) {
        return writeLog.list(vendor);
    }

    @GET
    @Path("/faults")
    public Map<String, Fault> faults() {
        return faults.all();
    }

    @PUT
    @Path("/faults/{vendor}/{endpoint: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Fault setFault(@PathParam("vendor") String vendor, @PathParam("endpoint") String endpoint, Fault fault) {
        if (!VENDORS.contains(vendor)) {
            throw new ProblemException(404, "unknown vendor " + vendor + " (autotask, manage, automate)");
        }
        if (fault == null) {
            throw new ProblemException(400, "a fault body is required");
        }
        for (double r : new double[] {fault.rate429(), fault.rate500(), fault.rateTimeout(), fault.dropWebhooks(),
            fault.duplicateWebhooks()}) {
            if (r < 0 || r > 100) {
                throw new ProblemException(400, "rates are percentages between 0 and 100");
            }
        }
        faults.set(vendor, endpoint, fault);
        return fault;
    }

    @DELETE
    @Path("/faults")
    public Map<String, Fault> clearFaults() {
        faults.clear();
        return faults.all();
    }

    @GET
    @Path("/permissions")
    public Map<String, java.util.Set<String>> permissions() {
        return permissions.all();
    }

    /**
     * Replaces what the demo tenant is granted in one set: autotask (security level areas), autotask-impersonation
     * (Resource Impersonation entities), manage (security role entries as level:Entry), automate (user class
     * Area:Right). Body: a JSON array of strings. Reset restores the configured (seed) sets.
     */
    @PUT
    @Path("/permissions/{set}")
    @Consumes(MediaType.APPLICATION_JSON)
    public java.util.Set<String> setPermissions(@PathParam("set") String set, com.fasterxml.jackson.databind.JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new ProblemException(400, "the body is a JSON array of permission names");
        }
        java.util.Set<String> granted = new java.util.HashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode p : body) {
            if (!p.isTextual() || p.asText().isBlank()) {
                throw new ProblemException(400, "permission names are non-empty strings");
            }
            granted.add(p.asText());
        }
        if (!permissions.replace(set, granted)) {
            throw new ProblemException(404, "unknown permission set " + set + " (" + String.join(", ", permissions.all().keySet()) + ")");
        }
        return permissions.of(set);
    }

    public record Limits(Integer hourlyThreshold, Integer threadLimit, Boolean latencyBands, Integer maxWebhooks) {
    }

    @PUT
    @Path("/autotask/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> setLimits(Limits l) {
        if (l == null || (l.hourlyThreshold() != null && l.hourlyThreshold() < 1) || (l.threadLimit() != null && l.threadLimit() < 1)
                || (l.maxWebhooks() != null && l.maxWebhooks() < 0)) {
            throw new ProblemException(400, "hourlyThreshold and threadLimit must be at least 1, maxWebhooks at least 0");
        }
        limits.configure(l.hourlyThreshold(), l.threadLimit(), l.latencyBands(), l.maxWebhooks());
        return Map.of("hourlyThreshold", limits.hourlyThreshold(), "threadLimit", limits.threadLimit(), "used", limits.used(),
                "maxWebhooks", limits.maxWebhooks());
    }

    public record Zone(String origin) {
    }

    /** Autotask moves the demo tenant's database: zone discovery answers {@code origin} from now until a reset. */
    @PUT
    @Path("/autotask/zone")
    @Consumes(MediaType.APPLICATION_JSON)
    public Zone moveZone(Zone moved) {
        if (moved == null || !isOrigin(moved.origin())) {
            throw new ProblemException(400, "origin must be scheme, host and port only, e.g. http://localhost:8080");
        }
        zone.moveTo(moved.origin());
        return moved;
    }

    private static boolean isOrigin(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return Set.of("http", "https").contains(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @GET
    @Path("/deliveries")
    public Map<String, Long> deliveries() {
        return sender.stats();
    }

    /**
     * A technician works a ticket in the vendor's UI. Body: {"technician": Autotask resource id or Manage member
     * identifier, "fields": {vendor-native ticket fields}}.
     */
    @POST
    @Path("/act/{vendor}/tickets")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode actCreate(@PathParam("vendor") String vendor, JsonNode body, @Context UriInfo uri) {
        return act(vendor, "create", null, body, uri);
    }

    @PATCH
    @Path("/act/{vendor}/tickets/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode actUpdate(@PathParam("vendor") String vendor, @PathParam("id") long id, JsonNode body, @Context UriInfo uri) {
        return act(vendor, "update", id, body, uri);
    }

    @DELETE
    @Path("/act/{vendor}/tickets/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode actDelete(@PathParam("vendor") String vendor, @PathParam("id") long id, JsonNode body, @Context UriInfo uri) {
        return act(vendor, "delete", id, body, uri);
    }

    private JsonNode act(String vendor, String action, Long id, JsonNode body, UriInfo uri) {
        JsonNode tech = body == null ? null : body.get("technician");
        JsonNode fields = body == null || !body.has("fields") ? Json.obj() : body.get("fields");
        if (tech == null || tech.isNull()) {
            throw new ProblemException(400, "technician is required");
        }
        try {
            return switch (vendor) {
                case "autotask" -> autotask.actAsTechnician(action, id, tech.asLong(), fields);
                case "manage" -> actManage(action, id, tech.asText(), fields, uri);
                default -> throw new ProblemException(404, "technician actions exist for autotask and manage");
            };
        } catch (AutotaskException e) {
            throw new ProblemException(e.status() == 404 ? 404 : 422, e.getMessage());
        } catch (ManageException e) {
            throw new ProblemException(e.status() == 404 ? 404 : 422, e.body().path("message").asText()
                    + (e.body().has("errors") ? ": " + e.body().get("errors").get(0).path("message").asText() : ""));
        }
    }

    private JsonNode actManage(String action, Long id, String member, JsonNode fields, UriInfo uri) {
        ObjectNode m = manage.memberByIdentifier(member).orElseThrow(() -> new ProblemException(400, "unknown member " + member));
        if ("A".equals(m.path("licenseClass").asText())) {
            throw new ProblemException(400, member + " is an API member, not a technician");
        }
        String origin = uri.getBaseUri().toString().replaceAll("/$", "");
        String who = m.get("identifier").asText();
        switch (action) {
            case "create" -> {
                return manage.create("tickets", (ObjectNode) fields, who, null, origin);
            }
            case "update" -> {
                ObjectNode current = manage.table("tickets").get(id);
                if (current == null) {
                    throw ManageService.notFound("tickets", id);
                }
                ObjectNode next = current.deepCopy();
                fields.properties().forEach(e -> next.set(e.getKey(), e.getValue()));
                return manage.replace("tickets", id, next, who, origin);
            }
            default -> {
                manage.delete("tickets", id, who, origin);
                return Json.obj().put("id", id);
            }
        }
    }
}
