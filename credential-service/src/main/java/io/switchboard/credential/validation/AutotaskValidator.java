package io.switchboard.credential.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.autotask.AutotaskClient;
import io.switchboard.connectors.autotask.AutotaskCredentials;
import io.switchboard.connectors.autotask.AutotaskQuery;
import io.switchboard.connectors.autotask.AutotaskZone;
import io.switchboard.connectors.autotask.ImpersonationProbe;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.contracts.Vendor;
import io.switchboard.credential.config.CredentialsConfig;
import io.switchboard.credential.security.UrlPolicy;
import io.switchboard.credential.validation.ValidationReport.Cause;
import io.switchboard.credential.validation.ValidationReport.Failure;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Autotask (seeds 002 and 003): zone discovery from the user name, then the security level's areas (a count each),
 * webhook creation (a count of the existing ones and a refused create), and, when an impersonation resource is
 * configured, that resource (exists, active, not API-only, has a default Service Desk role) and the Resource
 * Impersonation section (a refused create per entity as that resource).
 */
@Singleton
public class AutotaskValidator extends VendorValidator {

    /** The webhook cap of the security level the guide prescribes. */
    static final int MAX_WEBHOOKS = 5;
    /** Autotask's license type of API-only users, which cannot be impersonated. */
    private static final int API_USER_LICENSE = 7;

    /** A security level area and the entity whose count probes it. */
    private record Area(Requirement requirement, String entity) {
    }

    /** A Resource Impersonation entry and the create refused for it ({@code %d}: any ticket id). */
    private record Impersonation(Requirement requirement, String path) {
    }

    private static final List<Area> AREAS = List.of(
            area("Resources", "Resources/Users (HR)", "Resources"),
            area("Companies", "Organizations & Contacts", "Companies"),
            area("ServiceDesk", "Service Desk (Tickets)", "Tickets"),
            area("Projects", "Projects & Tasks", "Projects"),
            area("Sales", "Sales & Opportunities", "Opportunities"),
            area("Products", "Products, Services & Inventory", "Products"),
            area("ConfigurationItems", "Configuration Items", "ConfigurationItems"),
            area("Contracts", "Contracts & Un-posting", "Contracts"),
            area("Tagging", "Tagging", "Tags"));
    private static final Requirement WEBHOOKS = new Requirement("Webhooks", "Can create webhooks (max 5)");
    private static final List<Impersonation> IMPERSONATION = List.of(
            impersonation("Tickets", "Impersonation: Tickets", "Tickets"),
            impersonation("TicketNotes", "Impersonation: Ticket Notes", "Tickets/%d/Notes"),
            impersonation("ServiceCalls", "Impersonation: Service Calls", "ServiceCalls"),
            impersonation("Attachments", "Impersonation: Attachments", "Tickets/%d/Attachments"),
            impersonation("TimeEntries", "Impersonation: Time Entries", "TimeEntries"));
    private static final List<Requirement> REQUIRED = Stream.of(
            AREAS.stream().map(Area::requirement), Stream.of(WEBHOOKS), IMPERSONATION.stream().map(Impersonation::requirement))
            .flatMap(s -> s).toList();

    private final VendorHttp http;
    private final URI discoveryUrl;

    public AutotaskValidator(VendorHttp http, UrlPolicy urlPolicy, CredentialsConfig config) {
        super(urlPolicy, config);
        this.http = http;
        this.discoveryUrl = config.validation().autotaskDiscoveryUrl();
    }

    @Override
    public Vendor vendor() {
        return Vendor.AUTOTASK;
    }

    @Override
    List<Requirement> required() {
        return REQUIRED;
    }

    @Override
    void check(Map<String, String> settings, Map<String, String> secrets, ReportDraft report) {
        String username = settings.get("username");
        AutotaskClient client = AutotaskClient.forZone(http,
                new AutotaskCredentials(username, secrets.get("secret"), secrets.get("integrationCode"), null),
                guarded("the Autotask zone", zoneUrl(settings.get("zoneUrl"), username, report)));
        for (Area area : AREAS) {
            report.probe(area.requirement().id(), "POST " + area.entity() + "/query/count", () -> client.probeQuery(area.entity()));
        }
        webhooks(client, report);
        String resourceId = settings.get("impersonationResourceId");
        if (resourceId == null) {
            IMPERSONATION.forEach(i -> report.notCheckable(i.requirement().id(), null,
                    "no impersonation resource is configured", null));
        } else {
            impersonation(client, Long.parseLong(resourceId), report);
        }
    }

    /** The configured zone, or the one Autotask names for the user; an unknown user ends the check. */
    private String zoneUrl(String configured, String username, ReportDraft report) {
        if (configured != null) {
            report.discovered("zoneUrl", configured);
            report.discovered("zoneSource", "configured");
            return configured;
        }
        AutotaskZone zone;
        try {
            zone = report.call(() -> AutotaskClient.discoverZone(http, discoveryUrl, username));
        } catch (VendorApiException e) {
            if (e.kind() == VendorApiException.Kind.AUTHENTICATION) {
                report.fail(Failure.WRONG_CREDENTIALS, Cause.UNKNOWN_USERNAME, "Autotask knows no user " + username
                        + ": use the API user's user name (its email address)", String.join(" ", e.messages()));
            }
            throw e;
        }
        report.discovered("zoneName", zone.zoneName());
        report.discovered("zoneUrl", zone.url());
        report.discovered("zoneSource", "discovered");
        return zone.url();
    }

    /** Slots left from the count of existing webhooks; the permission from a refused create. */
    private static void webhooks(AutotaskClient client, ReportDraft report) {
        String id = WEBHOOKS.id();
        AtomicLong existing = new AtomicLong();
        PermissionProbe read = report.probe(id, "POST TicketWebhooks/query/count",
                () -> PermissionProbe.read(() -> existing.set(client.count("TicketWebhooks", AutotaskQuery.all()))));
        if (read.outcome() == PermissionProbe.Outcome.GRANTED) {
            report.discovered("webhooks", existing.get());
            report.discovered("webhookSlotsLeft", Math.max(0, MAX_WEBHOOKS - existing.get()));
            report.probe(id, "POST TicketWebhooks/query/count; POST TicketWebhooks {} (refused create)",
                    () -> client.probeCreate("TicketWebhooks"));
        }
    }

    private static void impersonation(AutotaskClient client, long resourceId, ReportDraft report) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", resourceId);
        report.discovered("impersonationResource", facts);
        JsonNode resource = resource(client, resourceId, report, facts);
        Cause unusable = Boolean.FALSE.equals(facts.get("found")) ? Cause.IMPERSONATION_RESOURCE_NOT_FOUND
                : resource == null ? null
                : !resource.path("isActive").asBoolean() ? Cause.IMPERSONATION_RESOURCE_INACTIVE
                : resource.path("licenseType").asInt() == API_USER_LICENSE ? Cause.IMPERSONATION_RESOURCE_API_ONLY
                : null;
        if (unusable != null) {
            String why = switch (unusable) {
                case IMPERSONATION_RESOURCE_NOT_FOUND -> "Autotask has no resource " + resourceId + ": check the impersonation resource id";
                case IMPERSONATION_RESOURCE_INACTIVE -> "resource " + resourceId + " is inactive: impersonate an active regular user";
                default -> "resource " + resourceId + " is an API-only user, which cannot be impersonated: use a regular (non-API) user";
            };
            report.fail(Failure.WRONG_CREDENTIALS, unusable, why, null);
            IMPERSONATION.forEach(i -> report.notCheckable(i.requirement().id(), null, "not probed: " + why, null));
            return;
        }
        long ticketId = anyTicketId(client, report);
        List<String> refusals = new ArrayList<>();
        boolean passedResourceChecks = false;
        for (Impersonation entry : IMPERSONATION) {
            String path = entry.path().formatted(ticketId);
            String how = "POST " + path + " {} with ImpersonationResourceId " + resourceId + " (refused create)";
            String id = entry.requirement().id();
            ImpersonationProbe probe = report.call(() -> client.probeImpersonatedCreate(path, resourceId));
            switch (probe.outcome()) {
                case GRANTED -> report.ok(id, how);
                case IMPERSONATION_DENIED -> report.missing(id, how, probe.vendorError());
                case ENTITY_DENIED -> report.notCheckable(id, how, "the API user may not create this entity at all "
                        + "(see the security level's areas), so impersonating for it cannot be told", probe.vendorError());
                case RESOURCE_REFUSED -> {
                    report.notCheckable(id, how, "the resource cannot be impersonated", probe.vendorError());
                    refusals.add(probe.vendorError());
                }
                case INCONCLUSIVE -> report.notCheckable(id, how, "Autotask answered with an error that says nothing "
                        + "about this permission", probe.vendorError());
            }
            passedResourceChecks |= probe.outcome() == ImpersonationProbe.Outcome.GRANTED
                    || probe.outcome() == ImpersonationProbe.Outcome.IMPERSONATION_DENIED;
        }
        if (passedResourceChecks) {
            facts.put("mayBeImpersonated", true);
        } else if (!refusals.isEmpty()) {
            facts.put("mayBeImpersonated", false);
            report.fail(Failure.MISSING_PERMISSION, Cause.IMPERSONATION_NOT_ALLOWED, "resource " + resourceId + " may not be "
                    + "impersonated: allow it in its security level (Other › Miscellaneous › Can be impersonated)", refusals.get(0));
        }
        if (resource != null && facts.get("defaultServiceDeskRoleId") == null) {
            report.fail(Failure.MISSING_PERMISSION, Cause.NO_DEFAULT_SERVICE_DESK_ROLE, "resource " + resourceId + " has no "
                    + "default Service Desk role: set one on its Associations tab", null);
        }
    }

    /** The resource record, or null when it is missing ({@code found: false}) or unreadable (the Resources area). */
    private static JsonNode resource(AutotaskClient client, long resourceId, ReportDraft report, Map<String, Object> facts) {
        JsonNode resource;
        try {
            resource = report.call(() -> client.get("Resources", resourceId));
        } catch (VendorApiException e) {
            if (e.kind() == VendorApiException.Kind.NOT_FOUND) {
                facts.put("found", false);
            } else if (e.kind() != VendorApiException.Kind.PERMISSION) {
                throw e;
            }
            return null;
        }
        facts.put("found", true);
        facts.put("name", (resource.path("firstName").asText("") + " " + resource.path("lastName").asText("")).trim());
        facts.put("active", resource.path("isActive").asBoolean());
        facts.put("licenseType", resource.path("licenseType").asInt());
        facts.put("apiOnly", resource.path("licenseType").asInt() == API_USER_LICENSE);
        JsonNode role = resource.path("defaultServiceDeskRoleID");
        if (role.canConvertToLong() && role.asLong() > 0) {
            facts.put("defaultServiceDeskRoleId", role.asLong());
        }
        return resource;
    }

    /** A real ticket for the child entities' refused creates when tickets are readable; 0 otherwise. */
    private static long anyTicketId(AutotaskClient client, ReportDraft report) {
        if (report.status("ServiceDesk") != ValidationReport.PermissionCheck.Status.OK) {
            return 0;
        }
        List<JsonNode> first = report.call(() -> client.firstPage("Tickets", AutotaskQuery.all().maxRecords(1).includeFields("id")));
        return first.isEmpty() ? 0 : first.get(0).path("id").asLong();
    }

    private static Area area(String id, String label, String entity) {
        return new Area(new Requirement(id, label), entity);
    }

    private static Impersonation impersonation(String id, String label, String path) {
        return new Impersonation(new Requirement(id, label), path);
    }
}
