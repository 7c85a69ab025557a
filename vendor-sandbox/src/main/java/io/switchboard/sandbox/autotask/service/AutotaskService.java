package io.switchboard.sandbox.autotask.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.autotask.service.AutotaskSchema.Entity;
import io.switchboard.sandbox.autotask.service.AutotaskSchema.Field;
import io.switchboard.sandbox.autotask.service.AutotaskSchema.Pick;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.control.Permissions;
import io.switchboard.sandbox.control.WriteLog;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.data.SeedFacts;
import io.switchboard.sandbox.data.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** The Autotask database of the demo tenant: records, write rules, impersonation and permissions. */
@ApplicationScoped
public class AutotaskService {

    /** Who is calling: the API user (by its resource id), its tracking code and the impersonated resource. */
    public record Caller(String integrationCode, long apiResourceId, Long impersonatedId) {
        public long person() {
            return impersonatedId != null ? impersonatedId : apiResourceId;
        }
    }

    public record Page(List<ObjectNode> items, boolean hasMore) {
    }

    /** Statuses etc. keep Autotask-looking values: 1 New, 5 Complete, 8 In Progress like the fixtures. */
    static final int[] STATUS_VALUES = {1, 8, 7, 9, 10, 5};
    static final int[] PRIORITY_VALUES = {4, 1, 2, 3};
    static final long FIRST_QUEUE = 29_682_833L;
    private static final DateTimeFormatter TICKET_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final SandboxConfig config;
    private final WriteLog writeLog;
    private final AutotaskWebhooks webhooks;
    private final Permissions permissions;
    private final AutotaskLimits limits;
    private volatile AutotaskSchema schema;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Set<Long> apiResources = ConcurrentHashMap.newKeySet();
    private final Set<Long> impersonatable = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ticketSeq = new AtomicInteger();

    public AutotaskService(SandboxConfig config, WriteLog writeLog, AutotaskWebhooks webhooks, Permissions permissions,
                           AutotaskLimits limits) {
        this.limits = limits;
        this.config = config;
        this.permissions = permissions;
        this.writeLog = writeLog;
        this.webhooks = webhooks;
    }

    public AutotaskSchema schema() {
        return schema;
    }

    public Table table(Entity e) {
        return tables.get(e.name());
    }

    // ---------------------------------------------------------------- seeding

    public void reset(SeedFacts facts) {
        List<Pick> statuses = new ArrayList<>();
        for (int i = 0; i < SeedFacts.STATUSES.size(); i++) {
            statuses.add(new Pick(String.valueOf(STATUS_VALUES[i]), SeedFacts.STATUSES.get(i), i == 0, ""));
        }
        List<Pick> priorities = new ArrayList<>();
        for (int i = 0; i < SeedFacts.PRIORITIES.size(); i++) {
            priorities.add(new Pick(String.valueOf(PRIORITY_VALUES[i]), SeedFacts.PRIORITIES.get(i), i == 2, ""));
        }
        List<Pick> queues = new ArrayList<>();
        for (int i = 0; i < SeedFacts.QUEUES.size(); i++) {
            queues.add(new Pick(String.valueOf(FIRST_QUEUE + i), SeedFacts.QUEUES.get(i), false, ""));
        }
        List<Pick> issues = new ArrayList<>();
        List<Pick> subIssues = new ArrayList<>();
        for (int i = 0; i < SeedFacts.ISSUE_TYPES.size(); i++) {
            issues.add(new Pick(String.valueOf(10 + i), SeedFacts.ISSUE_TYPES.get(i), false, ""));
            List<String> subs = SeedFacts.SUB_ISSUE_TYPES.get(i);
            for (int j = 0; j < subs.size(); j++) {
                subIssues.add(new Pick(String.valueOf(100 + 10 * i + j), subs.get(j), false, String.valueOf(10 + i)));
            }
        }
        AutotaskSchema s = new AutotaskSchema(statuses, priorities, queues, issues, subIssues);
        Map<String, Table> t = new LinkedHashMap<>();
        t.put("Tickets", new Table(1, "id"));
        t.put("TicketNotes", new Table(30_450_000L, "id"));
        t.put("TimeEntries", new Table(9_876_000L, "id"));
        t.put("Companies", new Table(0, "id"));
        t.put("Contacts", new Table(29_683_000L, "id"));
        t.put("Resources", new Table(config.autotask().apiResourceId(), "id"));
        t.put("ConfigurationItems", new Table(40_000L, "id"));
        t.put("TicketWebhooks", new Table(1, "id"));
        t.put("TicketWebhookFields", new Table(1, "id"));
        t.put("TicketWebhookExcludedResources", new Table(1, "id"));
        t.put("WebhookEventErrorLogs", new Table(1, "id"));
        t.put("ServiceCalls", new Table(29_694_001L, "id"));
        t.put("TicketAttachments", new Table(30_600_000L, "id"));
        t.put("Projects", new Table(29_690_001L, "id"));
        t.put("Opportunities", new Table(29_691_001L, "id"));
        t.put("Products", new Table(29_692_001L, "id"));
        t.put("Contracts", new Table(29_693_001L, "id"));
        t.put("Tags", new Table(1, "id"));

        apiResources.clear();
        impersonatable.clear();
        long apiId = config.autotask().apiResourceId();
        Table resources = t.get("Resources");
        resources.insert(resource(apiId, "Switchboard", "API", config.autotask().username(), 7, "API"));
        apiResources.add(apiId);
        long techId = config.autotask().impersonationResourceId();
        resources.insert(resource(techId, "Switchboard", "Agent", "switchboard.agent@sandbox.example", 1, "Employee"));
        impersonatable.add(techId);
        SeedFacts.Scale scale = facts.scale();
        for (int i = 0; i < scale.technicians(); i++) {
            SeedFacts.Person p = facts.technician(i);
            long id = technicianId(i);
            ObjectNode tech = resource(id, p.first(), p.last(), p.email("demo-msp.example"), 1, "Employee");
            if (i == NO_ROLE_TECHNICIAN) {
                tech.putNull("defaultServiceDeskRoleID");
            }
            resources.insert(tech);
            if (i % 2 == 0) {
                impersonatable.add(id);
            }
        }

        Table companies = t.get("Companies");
        companies.insert(Json.obj().put("id", 0).put("companyName", "Switchboard Demo MSP").put("companyNumber", "0")
                .put("companyType", 1).put("isActive", true).put("ownerResourceID", techId)
                .put("createDate", SeedFacts.EPOCH.minus(900, ChronoUnit.DAYS).toString()));
        Table contacts = t.get("Contacts");
        for (int c = 0; c < scale.companies(); c++) {
            SeedFacts.Company co = facts.company(c);
            String created = SeedFacts.EPOCH.minus(800 - c % 700, ChronoUnit.DAYS).toString();
            companies.insert(Json.obj().put("id", companyId(c)).put("companyName", co.name())
                    .put("companyNumber", co.identifier()).put("companyType", 1).put("isActive", true)
                    .put("phone", co.phone()).put("address1", (100 + c) + " Main St").put("city", co.city())
                    .put("state", co.state()).put("postalCode", String.format("%05d", 10_000 + c))
                    .put("webAddress", "https://" + co.identifier().toLowerCase() + ".example")
                    .put("ownerResourceID", technicianId(c % scale.technicians())).putNull("parentCompanyID")
                    .put("createDate", created).put("lastActivityDate", created)
                    .put("lastTrackedModifiedDateTime", created).putNull("impersonatorCreatorResourceID"));
            for (int n = 0; n < scale.contactsPerCompany(); n++) {
                SeedFacts.Person p = facts.contact(c, n);
                contacts.insert(Json.obj().put("id", contactId(scale, c, n)).put("companyID", companyId(c))
                        .put("firstName", p.first()).put("lastName", p.last())
                        .put("emailAddress", p.email(co.identifier().toLowerCase() + ".example"))
                        .put("phone", co.phone()).put("title", n == 0 ? "Office Manager" : "Staff").put("isActive", 1)
                        .put("primaryContact", n == 0).put("lastActivityDate", created).put("lastModifiedDate", created)
                        .putNull("impersonatorCreatorResourceID"));
            }
        }
        Table tickets = t.get("Tickets");
        Table notes = t.get("TicketNotes");
        Table attachments = t.get("TicketAttachments");
        for (int i = 0; i < scale.tickets(); i++) {
            SeedFacts.Ticket f = facts.ticket(i);
            String created = f.created().toString();
            boolean done = f.status() == SeedFacts.STATUSES.size() - 1;
            long id = 70_001L + i;
            ObjectNode tk = Json.obj().put("id", id)
                    .put("ticketNumber", "T" + TICKET_DAY.format(f.created()) + "." + String.format("%04d", i % 10_000))
                    .put("title", f.title()).put("description", f.description())
                    .put("status", STATUS_VALUES[f.status()]).put("priority", PRIORITY_VALUES[f.priority()])
                    .put("queueID", FIRST_QUEUE + f.queue()).put("companyID", companyId(f.company()))
                    .putNull("companyLocationID").put("contactID", contactId(scale, f.company(), f.contact()))
                    .put("assignedResourceID", technicianId(f.technician())).put("assignedResourceRoleID", 29_683_461L)
                    .put("ticketType", 1).put("source", 4).put("issueType", 10 + f.issueType())
                    .put("subIssueType", 100 + 10 * f.issueType()).put("ticketCategory", 3)
                    .putNull("billingCodeID").putNull("contractID").putNull("configurationItemID")
                    .putNull("creatorResourceID").put("creatorType", 2)
                    .put("createdByContactID", contactId(scale, f.company(), f.contact())).put("createDate", created)
                    .put("dueDateTime", f.created().plus(1, ChronoUnit.DAYS).toString())
                    .put("lastActivityDate", created).put("estimatedHours", 0.0).put("externalID", "")
                    .put("resolution", "").putNull("lastActivityResourceID")
                    .put("lastTrackedModificationDateTime", created).putNull("impersonatorCreatorResourceID");
            if (done) {
                tk.put("completedDate", f.created().plus(3, ChronoUnit.HOURS).toString());
            } else {
                tk.putNull("completedDate");
            }
            tickets.insert(tk);
            for (int n = 0; n < f.notes(); n++) {
                String at = f.created().plus(20L * (n + 1), ChronoUnit.MINUTES).toString();
                notes.insert(Json.obj().put("ticketID", id).put("title", n == 0 ? "Triage" : "Follow-up")
                        .put("description", n == 0 ? "Called user, gathering details." : "Waiting on user to confirm.")
                        .put("noteType", 1).put("publish", 1).put("createDateTime", at).put("lastActivityDate", at)
                        .put("creatorResourceID", technicianId(f.technician())).putNull("createdByContactID")
                        .putNull("impersonatorCreatorResourceID").putNull("impersonatorUpdaterResourceID"));
            }
            if (f.attachment()) {
                attachments.insert(Json.obj().put("ticketID", id).put("title", "screenshot.png")
                        .put("attachmentType", "FILE_ATTACHMENT").put("fullPath", "screenshot.png").putNull("data")
                        .put("contentType", "image/png").put("fileSize", 48_213.0 + i).put("publish", 1)
                        .put("attachDate", created).putNull("attachedByResourceID")
                        .put("attachedByContactID", contactId(scale, f.company(), f.contact())).put("creatorType", 2)
                        .putNull("impersonatorCreatorResourceID"));
            }
        }
        Table cis = t.get("ConfigurationItems");
        for (int i = 0; i < scale.computers(); i++) {
            SeedFacts.Computer pc = facts.computer(i);
            cis.insert(Json.obj().put("id", 40_000L + i).put("companyID", companyId(pc.company()))
                    .put("configurationItemType", pc.server() ? 2 : 1).put("referenceTitle", pc.name())
                    .put("serialNumber", pc.serial()).put("isActive", true)
                    .put("installDate", pc.lastContact().minus(400, ChronoUnit.DAYS).toString())
                    .put("createDate", pc.lastContact().minus(400, ChronoUnit.DAYS).toString())
                    .put("lastModifiedTime", pc.lastContact().toString()).putNull("impersonatorCreatorResourceID"));
        }
        seedCommercial(facts, t);
        ticketSeq.set(scale.tickets());
        tables.clear();
        tables.putAll(t);
        schema = s;
        webhooks.reset();
    }

    /** Projects, opportunities, products, contracts and tags, shared with Manage through the seed facts. */
    private void seedCommercial(SeedFacts facts, Map<String, Table> t) {
        SeedFacts.Scale scale = facts.scale();
        for (int i = 0; i < facts.projects(); i++) {
            SeedFacts.Project p = facts.project(i);
            String start = p.start().toString();
            t.get("Projects").insert(Json.obj().put("id", 29_690_001L + i).put("projectName", p.name())
                    .put("projectNumber", String.format("P%s.%04d", TICKET_DAY.format(p.start()), i))
                    .put("companyID", companyId(p.company())).put("projectType", 5).put("status", p.complete() ? 5 : 2)
                    .put("startDateTime", start).put("endDateTime", p.end().toString())
                    .put("description", p.name() + " for " + facts.company(p.company()).name() + ".")
                    .put("projectLeadResourceID", technicianId(p.lead())).put("contractID", 29_693_001L + p.company())
                    .put("estimatedTime", 40.0).put("completedPercentage", p.complete() ? 100 : 40)
                    .put("completedDateTime", p.complete() ? p.end().toString() : null).put("createDateTime", start)
                    .put("creatorResourceID", technicianId(p.lead())).put("lastActivityDateTime", start)
                    .putNull("impersonatorCreatorResourceID"));
        }
        for (int i = 0; i < facts.opportunities(); i++) {
            SeedFacts.Opportunity o = facts.opportunity(i);
            String created = o.projectedClose().minus(45, ChronoUnit.DAYS).toString();
            t.get("Opportunities").insert(Json.obj().put("id", 29_691_001L + i).put("title", o.title())
                    .put("companyID", companyId(o.company())).put("contactID", contactId(scale, o.company(), 0))
                    .put("ownerResourceID", technicianId(o.owner())).put("amount", o.amount())
                    .put("cost", Math.round(o.amount() * 60) / 100.0).put("probability", o.probability())
                    .put("projectedCloseDate", o.projectedClose().toString()).put("status", 1).put("stage", 2)
                    .put("description", o.title() + ".").put("totalAmountMonths", 12).put("useQuoteTotals", false)
                    .put("createDate", created).put("creatorResourceID", technicianId(o.owner()))
                    .put("lastActivity", created).putNull("impersonatorCreatorResourceID"));
        }
        for (int p = 0; p < SeedFacts.PRODUCTS.size(); p++) {
            SeedFacts.Product pr = SeedFacts.PRODUCTS.get(p);
            t.get("Products").insert(Json.obj().put("id", 29_692_001L + p).put("name", pr.name())
                    .put("description", pr.name()).put("sku", pr.sku()).put("manufacturerName", pr.manufacturer())
                    .put("manufacturerProductName", pr.name()).put("unitCost", pr.cost()).put("unitPrice", pr.price())
                    .put("msrp", pr.price()).put("isActive", true).put("isSerialized", pr.sku().startsWith("HW"))
                    .put("productCategory", 1).put("periodType", pr.sku().startsWith("HW") ? 1 : 4)
                    .putNull("impersonatorCreatorResourceID"));
        }
        for (int c = 0; c < scale.companies(); c++) {
            SeedFacts.Contract k = facts.contract(c);
            t.get("Contracts").insert(Json.obj().put("id", 29_693_001L + c).put("contractName", k.name())
                    .put("contractNumber", String.format("MS-%05d", c + 1)).put("companyID", companyId(c))
                    .put("contactID", contactId(scale, c, 0)).put("contractType", 7).put("status", 1)
                    .put("startDate", k.start().toString()).put("endDate", k.start().plus(730, ChronoUnit.DAYS).toString())
                    .put("description", k.seats() + " x " + SeedFacts.PRODUCTS.get(k.product()).name())
                    .put("isDefaultContract", true).put("setupFee", 0.0).put("estimatedRevenue", k.monthlyFee() * 12)
                    .put("timeReportingRequiresStartAndStopTimes", 1));
        }
        for (int g = 0; g < SeedFacts.TAGS.size(); g++) {
            String at = SeedFacts.EPOCH.minus(500 - g, ChronoUnit.DAYS).toString();
            t.get("Tags").insert(Json.obj().put("id", g + 1).put("label", SeedFacts.TAGS.get(g)).put("tagGroupID", 1)
                    .put("isActive", true).put("isSystem", false).put("isExcludedFromAutomaticTagging", false)
                    .put("createDateTime", at).put("lastModifiedDateTime", at));
        }
    }

    private static ObjectNode resource(long id, String first, String last, String email, int licenseType, String type) {
        return Json.obj().put("id", id).put("firstName", first).put("lastName", last).put("email", email)
                .put("userName", email.substring(0, email.indexOf('@'))).put("isActive", true)
                .put("licenseType", licenseType).put("resourceType", type).put("title", type.equals("API") ? "API User" : "Technician")
                .put("defaultServiceDeskRoleID", 29_683_461L);
    }

    /** Technician index whose resource has no defaultServiceDeskRoleID (a poor impersonation choice). */
    static final int NO_ROLE_TECHNICIAN = 2;

    long technicianId(int i) {
        return config.autotask().impersonationResourceId() + 1 + i;
    }

    /** A regular, active resource whose security level does not allow impersonation (odd technicians). */
    public long notImpersonatableResourceId() {
        return technicianId(1);
    }

    /** A regular resource that may be impersonated but has no defaultServiceDeskRoleID. */
    public long noServiceDeskRoleResourceId() {
        return technicianId(NO_ROLE_TECHNICIAN);
    }

    static long companyId(int c) {
        return 174L + c;
    }

    static long contactId(SeedFacts.Scale scale, int company, int n) {
        return 29_683_000L + (long) company * scale.contactsPerCompany() + n;
    }

    // ---------------------------------------------------------------- auth helpers

    public boolean validIntegrationCode(String code) {
        return code != null && (code.equals(config.autotask().integrationCode())
                || config.autotask().otherIntegrationCodes().contains(code));
    }

    void requirePermission(Entity e, String action) {
        if (!permissions.grants(Permissions.AUTOTASK, e.permission())) {
            throw new AutotaskException(config.autotask().permissionStatus(),
                    "The logged in Resource does not have the adequate permissions to " + action + " this entity type.");
        }
    }

    /** Rules for the ImpersonationResourceId header on a write to {@code e}. */
    void checkImpersonation(Entity e, Caller c) {
        if (c.impersonatedId() == null) {
            return;
        }
        long id = c.impersonatedId();
        ObjectNode r = tables.get("Resources").get(id);
        if (r == null || !r.path("isActive").asBoolean()) {
            throw new AutotaskException(500, "ImpersonationResourceId " + id + " is not a valid, active resource.");
        }
        if (apiResources.contains(id)) {
            throw new AutotaskException(500, "Impersonation of an API-only resource is not allowed.");
        }
        if (!impersonatable.contains(id)) {
            throw new AutotaskException(500, "The security level of resource " + id + " does not allow impersonation.");
        }
        if (!permissions.grants(Permissions.AUTOTASK_IMPERSONATION, e.impersonation())) {
            throw new AutotaskException(500, "The logged in Resource does not have the adequate permissions to "
                    + "impersonate a resource for " + e.name() + ".");
        }
    }

    // ---------------------------------------------------------------- reads

    public ObjectNode get(Entity e, long id, Caller c) {
        requirePermission(e, "query");
        return table(e).get(id);
    }

    /** Ascending by id from {@code idFloor}, {@code offset} matches skipped, up to {@code max}. */
    public Page query(Entity e, Predicate<ObjectNode> filter, long idFloor, int offset, int max, Caller c) {
        requirePermission(e, "query");
        List<ObjectNode> items = new ArrayList<>(Math.min(max, 512));
        int matched = 0;
        boolean more = false;
        for (ObjectNode r : table(e).after(idFloor - 1)) {
            if (!filter.test(r)) {
                continue;
            }
            if (matched++ < offset) {
                continue;
            }
            if (items.size() == max) {
                more = true;
                break;
            }
            items.add(r);
        }
        return new Page(items, more);
    }

    public long count(Entity e, Predicate<ObjectNode> filter, long idFloor, Caller c) {
        requirePermission(e, "query");
        return table(e).after(idFloor - 1).stream().filter(filter).count();
    }

    // ---------------------------------------------------------------- writes

    private Map<Field, JsonNode> bind(Entity e, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new AutotaskException(500, "The request body is not a valid " + e.name() + " entity.");
        }
        Map<Field, JsonNode> out = new LinkedHashMap<>();
        body.fields().forEachRemaining(kv -> {
            Field f = e.field(kv.getKey());
            if (f != null && !f.readOnly()) {
                out.put(f, kv.getValue());
            }
        });
        return out;
    }

    private void validate(Entity e, ObjectNode rec) {
        for (Field f : e.fields().values()) {
            JsonNode v = rec.get(f.name());
            boolean missing = v == null || v.isNull() || (v.isTextual() && v.asText().isBlank());
            if (f.required() && missing) {
                throw new AutotaskException(500, f.name() + " is required.");
            }
            if (!missing && f.isPickList()) {
                String s = v.asText();
                Pick p = f.picks().stream().filter(x -> x.value().equals(s)).findFirst().orElse(null);
                if (p == null) {
                    throw new AutotaskException(500, "Value " + s + " does not exist in the picklist for " + f.name() + ".");
                }
                if (f.parentField() != null && !f.parentField().isEmpty()
                        && !p.parentValue().equals(rec.path(f.parentField()).asText())) {
                    throw new AutotaskException(500, f.name() + " " + s + " is not valid for " + f.parentField() + " "
                            + rec.path(f.parentField()).asText() + ".");
                }
            }
        }
    }

    /**
     * Checks in the vendor's order, so a refused write (an empty body) tells which permission is missing: entity
     * permission, impersonation rules, the parent of a child route, then the body. Nothing is written on a refusal.
     */
    public long create(Entity e, JsonNode body, Caller c, Long parentId) {
        requirePermission(e, "create");
        checkImpersonation(e, c);
        if (parentId != null) {
            requireExists(e.parent(), LongNode.valueOf(parentId), e.parentKey());
        }
        ObjectNode rec = Json.obj();
        e.fields().values().forEach(f -> rec.putNull(f.name()));
        bind(e, body).forEach((f, v) -> rec.set(f.name(), v));
        if (parentId != null) {
            rec.put(e.parentKey(), parentId);
        }
        validate(e, rec);
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        CREATE_STAMPS.stream().filter(f -> e.fields().containsKey(f.toLowerCase(Locale.ROOT))).forEach(f -> rec.put(f, now));
        if (e.fields().containsKey("creatorresourceid")) {
            rec.put("creatorResourceID", c.person());
        }
        beforeCreate(e, rec, c);
        if (e.fields().containsKey("impersonatorcreatorresourceid") && c.impersonatedId() != null) {
            rec.put("impersonatorCreatorResourceID", c.apiResourceId());
        }
        ObjectNode saved = table(e).insert(rec);
        afterWrite(e, null, saved, c);
        return saved.get("id").asLong();
    }

    /** Read-only timestamps a create sets to the current time, whichever of them the entity has. */
    private static final List<String> CREATE_STAMPS = List.of("createDate", "createDateTime", "attachDate",
            "lastActivityDate", "lastActivityDateTime", "lastActivity", "lastModifiedDate", "lastModifiedDateTime",
            "lastModifiedTime", "lastTrackedModifiedDateTime", "lastTrackedModificationDateTime");

    /** References and derived fields of a validated record. */
    private void beforeCreate(Entity e, ObjectNode rec, Caller c) {
        switch (e.name()) {
            case "Tickets" -> {
                requireExists("Companies", rec.get("companyID"), "companyID");
                rec.put("ticketNumber", "T" + TICKET_DAY.format(Instant.parse(rec.get("createDate").asText())) + "."
                        + String.format("%04d", ticketSeq.incrementAndGet() % 10_000)).put("creatorType", 1);
                setDefault(e, rec, "ticketCategory");
                setDefault(e, rec, "source");
                setDefault(e, rec, "ticketType");
            }
            case "TimeEntries" -> {
                if (!rec.path("ticketID").isNull()) {
                    requireExists("Tickets", rec.get("ticketID"), "ticketID");
                }
                JsonNode res = rec.get("resourceID");
                if (!res.isNull()) {
                    requireExists("Resources", res, "resourceID");
                    if (apiResources.contains(res.asLong())) {
                        throw new AutotaskException(500, "Time entries cannot be created for an API-only resource (resourceID "
                                + res.asLong() + ").");
                    }
                }
                if (rec.path("dateWorked").isNull() && rec.path("startDateTime").isNull()) {
                    throw new AutotaskException(500, "dateWorked is required when startDateTime is not set.");
                }
                rec.put("timeEntryType", 2).put("creatorUserID", c.person()).put("lastModifiedUserID", c.person());
            }
            case "ServiceCalls", "Projects", "Opportunities", "Contracts" ->
                    requireExists("Companies", rec.get("companyID"), "companyID");
            case "TicketAttachments" -> {
                JsonNode data = rec.get("data");
                if (rec.get("attachmentType").asText().equals("FILE_ATTACHMENT") && (data.isNull() || data.asText().isEmpty())) {
                    throw new AutotaskException(500, "data is required for a FILE_ATTACHMENT.");
                }
                // the file itself is not kept: queries never return it
                rec.put("fileSize", data.isNull() ? 0.0 : (double) Base64.getMimeDecoder().decode(data.asText()).length)
                        .putNull("data").put("attachedByResourceID", c.person()).put("creatorType", 1);
            }
            case "TicketWebhooks" -> webhooks.prepareNew(rec, c, limits.maxWebhooks(),
                    tables.get("TicketWebhooks").size());
            default -> {
            }
        }
    }

    private void setDefault(Entity e, ObjectNode rec, String field) {
        if (rec.path(field).isNull()) {
            e.field(field).picks().stream().filter(Pick::isDefault).findFirst()
                    .ifPresent(p -> rec.put(field, Integer.parseInt(p.value())));
        }
    }

    private void requireExists(String table, JsonNode id, String field) {
        if (id == null || id.isNull() || tables.get(table).get(id.asLong()) == null) {
            throw new AutotaskException(500, "The value of " + field + " does not reference an existing record.");
        }
    }

    /** PATCH changes the given fields; PUT also nulls every writable field left out. */
    public long update(Entity e, JsonNode body, Caller c, boolean replace, Long parentId) {
        requirePermission(e, "update");
        checkImpersonation(e, c);
        JsonNode idNode = Json.getIgnoreCase(body, "id");
        if (idNode == null || !idNode.canConvertToLong()) {
            throw new AutotaskException(500, "id is required to update a " + e.name() + " entity.");
        }
        long id = idNode.asLong();
        ObjectNode before = table(e).get(id);
        if (before == null || (parentId != null && before.path(e.parentKey()).asLong() != parentId)) {
            throw new AutotaskException(500, "No matching records found. The logged in Resource may not have the "
                    + "required permissions to update the data.");
        }
        Map<Field, JsonNode> changes = bind(e, body);
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode next = before.deepCopy();
        if (replace) {
            e.fields().values().stream().filter(f -> !f.readOnly() && !f.name().equals(e.parentKey()))
                    .forEach(f -> next.set(f.name(), NullNode.instance));
        }
        changes.forEach((f, v) -> next.set(f.name(), v));
        validate(e, next);
        switch (e.name()) {
            case "Tickets" -> next.put("lastActivityDate", now).put("lastTrackedModificationDateTime", now)
                    .put("lastActivityResourceID", c.person());
            case "TicketNotes" -> next.put("lastActivityDate", now);
            case "TimeEntries" -> next.put("lastModifiedDateTime", now).put("lastModifiedUserID", c.person());
            default -> {
            }
        }
        if (e.fields().containsKey("impersonatorupdaterresourceid") && c.impersonatedId() != null) {
            next.put("impersonatorUpdaterResourceID", c.apiResourceId());
        }
        table(e).update(id, old -> next);
        afterWrite(e, before, next, c);
        return id;
    }

    public long delete(Entity e, long id, Caller c, Long parentId) {
        requirePermission(e, "delete");
        ObjectNode before = table(e).get(id);
        if (before == null || (parentId != null && before.path(e.parentKey()).asLong() != parentId)) {
            throw new AutotaskException(500, "No matching records found. The logged in Resource may not have the "
                    + "required permissions to delete the data.");
        }
        table(e).remove(id);
        afterWrite(e, before, null, c);
        return id;
    }

    private void afterWrite(Entity e, ObjectNode before, ObjectNode after, Caller c) {
        switch (e.name()) {
            case "Tickets" -> webhooks.ticketChanged(before, after, c.person());
            case "TicketNotes", "TimeEntries" -> {
                if (before == null && after != null) {
                    boolean note = e.name().equals("TicketNotes");
                    writeLog.add(new WriteLog.Entry(Instant.now(), "autotask", e.name(), after.get("id").asLong(),
                            after.path("ticketID").isNull() ? null : after.get("ticketID").asLong(),
                            String.valueOf(c.apiResourceId()),
                            String.valueOf(note ? c.person() : after.path("resourceID").asLong()),
                            c.integrationCode(), note ? after.path("description").asText()
                            : after.path("summaryNotes").asText()));
                }
            }
            case "TicketWebhooks", "TicketWebhookFields", "TicketWebhookExcludedResources" ->
                    webhooks.configurationChanged(e.name(), before, after);
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- technician actions (control API)

    /** A technician edits a ticket in the UI: no API user, no tracking code, webhooks fire as that person. */
    public ObjectNode actAsTechnician(String action, Long ticketId, long resourceId, JsonNode fields) {
        if (tables.get("Resources").get(resourceId) == null || apiResources.contains(resourceId)) {
            throw new IllegalArgumentException("resource " + resourceId + " is not a technician");
        }
        Caller tech = new Caller("UI", resourceId, null);
        Entity tickets = schema.entity("Tickets");
        long id = switch (action) {
            case "create" -> create(tickets, fields, tech, null);
            case "update" -> {
                ObjectNode body = fields == null ? Json.obj() : ((ObjectNode) fields).deepCopy();
                yield update(tickets, body.put("id", Objects.requireNonNull(ticketId)), tech, false, null);
            }
            default -> {
                ObjectNode before = table(tickets).remove(Objects.requireNonNull(ticketId));
                if (before == null) {
                    throw new AutotaskException(404, "ticket " + ticketId + " not found");
                }
                webhooks.ticketChanged(before, null, resourceId);
                yield ticketId;
            }
        };
        ObjectNode t = table(tickets).get(id);
        return t != null ? t : Json.obj().put("id", id);
    }
}
