package io.switchboard.sandbox.manage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.control.WriteLog;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.data.SeedFacts;
import io.switchboard.sandbox.data.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The Manage database of the demo tenant and its write rules (references, _info audit, callbacks, write log). */
@ApplicationScoped
public class ManageService {
    public static final String MANAGE_CLOUD_HOST = "sandbox-na.myconnectwise.net";
    private static final String API_ROOT = "https://" + MANAGE_CLOUD_HOST + "/v4_6_release/apis/3.0/";

    /** An issued member token: Basic auth with it acts as that member until expiry. */
    public record Token(String privateKey, String member, Instant expiration) {
    }

    /**
     * What a table holds: the resource named in validation errors, the record named in 404s and the fields a create
     * requires (null: the endpoint has no POST).
     */
    public record Kind(String resource, String record, List<String> required) {
        public boolean creatable() {
            return required != null;
        }
    }

    /** The parent record of a child route ({@code path} is where a child points at it, e.g. ticketId, company/id). */
    public record Parent(String table, String path, long id) {
    }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("companies", new Kind("company", "Company", List.of("identifier", "name"))),
            Map.entry("contacts", new Kind("contact", "Contact", List.of("firstName"))),
            Map.entry("members", new Kind("member", "Member", List.of("identifier", "firstName", "lastName"))),
            Map.entry("boards", new Kind("board", "Board", List.of("name"))),
            Map.entry("statuses", new Kind("status", "Status", List.of("name"))),
            Map.entry("priorities", new Kind("priority", "Priority", List.of("name"))),
            Map.entry("tickets", new Kind("ticket", "Ticket", List.of("summary", "company"))),
            Map.entry("notes", new Kind("ticketNote", "Note", List.of("text"))),
            Map.entry("timeentries", new Kind("timeEntry", "TimeEntry", List.of("timeStart"))),
            Map.entry("configurations", new Kind("configuration", "Configuration", List.of("name", "type", "company"))),
            Map.entry("scheduleentries", new Kind("scheduleEntry", "ScheduleEntry", List.of("type"))),
            // callbacks validate their own fields (url first), see ManageCallbacks
            Map.entry("callbacks", new Kind("callbackEntry", "Callback", List.of())),
            Map.entry("projects", new Kind("project", "Project",
                    List.of("name", "company", "board", "estimatedStart", "estimatedEnd", "billingMethod"))),
            Map.entry("projectnotes", new Kind("projectNote", "ProjectNote", List.of("text"))),
            Map.entry("projectteammembers", new Kind("projectTeamMember", "ProjectTeamMember",
                    List.of("member", "projectRole"))),
            Map.entry("projecttickets", new Kind("projectTicket", "ProjectTicket", List.of("summary", "project"))),
            Map.entry("companynotes", new Kind("companyNote", "CompanyNote", List.of("text"))),
            Map.entry("companyteams", new Kind("companyTeam", "CompanyTeam", List.of("teamRole"))),
            Map.entry("agreements", new Kind("agreement", "Agreement", List.of("name", "type", "company", "contact"))),
            Map.entry("products", new Kind("productItem", "ProductItem", List.of("catalogItem", "billableOption"))),
            Map.entry("mycompanyother", new Kind("other", "Other", null)),
            // POST is answered by the routes (uploads are multipart, not modelled): 415 after the role check
            Map.entry("documents", new Kind("document", "Document", List.of())));

    private final SandboxConfig config;
    private final WriteLog writeLog;
    private final ManageCallbacks callbacks;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    /** Document id → the record it is attached to, as "recordType:recordId". */
    private final Map<Long, String> documentOwners = new ConcurrentHashMap<>();

    public ManageService(SandboxConfig config, WriteLog writeLog, ManageCallbacks callbacks) {
        this.config = config;
        this.writeLog = writeLog;
        this.callbacks = callbacks;
    }

    public Table table(String name) {
        return tables.get(name);
    }

    public Map<String, Token> tokens() {
        return tokens;
    }

    static String ts(Instant i) {
        return i.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static Kind kind(String table) {
        return KINDS.get(table);
    }

    private static ObjectNode info(Instant at, String by) {
        return Json.obj().put("lastUpdated", ts(at)).put("updatedBy", by).put("dateEntered", ts(at)).put("enteredBy", by);
    }

    /** A reference as the API nests it: id, its label and an _info link to the referenced record. */
    private static ObjectNode link(long id, String labelKey, String label, String name, String path) {
        return withInfo(Json.obj().put("id", id).put(labelKey, label), name, path);
    }

    private static ObjectNode withInfo(ObjectNode ref, String name, String path) {
        return ref.set("_info", Json.obj().put(name + "_href", API_ROOT + path + "/" + ref.get("id").asLong()));
    }

    public void reset(SeedFacts facts) {
        Map<String, Table> t = new ConcurrentHashMap<>();
        KINDS.keySet().forEach(n -> t.put(n, new Table(1, "id")));
        documentOwners.clear();
        SeedFacts.Scale scale = facts.scale();
        Instant old = SeedFacts.EPOCH.minus(700, ChronoUnit.DAYS);
        Table members = t.get("members");
        members.insert(member(176, config.manage().apiMemberIdentifier(), "Switchboard", "API", "A", old));
        for (int i = 0; i < scale.technicians(); i++) {
            SeedFacts.Person p = facts.technician(i);
            members.insert(member(177 + i, (p.first().charAt(0) + p.last()).toLowerCase().replaceAll("[^a-z]", "") + i,
                    p.first(), p.last(), "F", old));
        }
        for (int b = 0; b < SeedFacts.QUEUES.size(); b++) {
            long boardId = 12 + b;
            t.get("boards").insert(Json.obj().put("id", boardId).put("name", SeedFacts.QUEUES.get(b))
                    .put("inactiveFlag", false).put("projectFlag", b == PROJECT_BOARD).set("_info", info(old, "admin")));
            for (int s = 0; s < SeedFacts.STATUSES.size(); s++) {
                boolean closed = s == SeedFacts.STATUSES.size() - 1;
                String name = closed ? ">Closed" : SeedFacts.STATUSES.get(s);
                t.get("statuses").insert(Json.obj().put("id", statusId(b, s)).put("name", name)
                        .<ObjectNode>set("board", Json.obj().put("id", boardId).put("name", SeedFacts.QUEUES.get(b)))
                        .put("sortOrder", s).put("displayOnBoard", !closed).put("inactive", false)
                        .put("closedStatus", closed).put("timeEntryNotAllowed", closed).put("defaultFlag", s == 0)
                        .put("escalationStatus", s == 0 ? "NotResponded" : closed ? "Resolved" : "Responded")
                        .put("customerPortalFlag", true).set("_info", info(old, "admin")));
            }
        }
        String[] colors = {"Red", "Orange", "Yellow", "Green"};
        for (int p = 0; p < SeedFacts.PRIORITIES.size(); p++) {
            t.get("priorities").insert(Json.obj().put("id", 4 + p).put("name", "Priority " + (p + 1) + " - "
                    + SeedFacts.PRIORITIES.get(p)).put("color", colors[p]).put("sortOrder", p * 2)
                    .put("defaultFlag", p == 2).put("level", SeedFacts.PRIORITIES.get(p)));
        }
        for (int c = 0; c < scale.companies(); c++) {
            SeedFacts.Company co = facts.company(c);
            Instant created = SeedFacts.EPOCH.minus(800 - c % 700, ChronoUnit.DAYS);
            t.get("companies").insert(Json.obj().put("id", 250 + c).put("identifier", co.identifier())
                    .put("name", co.name()).<ObjectNode>set("status", Json.obj().put("id", 1).put("name", "Active"))
                    .<ObjectNode>set("types", Json.arr().add(Json.obj().put("id", 1).put("name", "Client")))
                    .put("addressLine1", (100 + c) + " Main St").put("city", co.city()).put("state", co.state())
                    .put("zip", String.format("%05d", 10_000 + c)).put("phoneNumber", co.phone())
                    .put("website", co.identifier().toLowerCase() + ".example").put("deletedFlag", false)
                    .put("isVendorFlag", false).put("leadFlag", false).set("_info", info(created, "admin")));
            for (int n = 0; n < scale.contactsPerCompany(); n++) {
                SeedFacts.Person p = facts.contact(c, n);
                t.get("contacts").insert(Json.obj().put("id", contactId(scale, c, n)).put("firstName", p.first())
                        .put("lastName", p.last()).<ObjectNode>set("company", companyRef(co, 250 + c))
                        .put("inactiveFlag", false).put("title", n == 0 ? "Office Manager" : "Staff")
                        .<ObjectNode>set("communicationItems", Json.arr().add(Json.obj()
                                .<ObjectNode>set("type", Json.obj().put("id", 1).put("name", "Email"))
                                .put("value", p.email(co.identifier().toLowerCase() + ".example"))
                                .put("defaultFlag", true).put("communicationType", "Email")))
                        .set("_info", info(created, "admin")));
            }
        }
        for (int i = 0; i < scale.tickets(); i++) {
            SeedFacts.Ticket f = facts.ticket(i);
            long id = 4001 + i;
            SeedFacts.Company co = facts.company(f.company());
            ObjectNode owner = members.get(177 + f.technician());
            ObjectNode status = t.get("statuses").get(statusId(f.queue(), f.status()));
            ObjectNode tk = Json.obj().put("id", id).put("summary", f.title()).put("recordType", "ServiceTicket")
                    .<ObjectNode>set("board", ref(t.get("boards").get(12 + f.queue()), "name"))
                    .<ObjectNode>set("status", ref(status, "name").put("sort", status.get("sortOrder").asInt()))
                    .<ObjectNode>set("priority", ref(t.get("priorities").get(4 + f.priority()), "name"))
                    .<ObjectNode>set("company", companyRef(co, 250 + f.company()))
                    .<ObjectNode>set("contact", Json.obj().put("id", contactId(scale, f.company(), f.contact()))
                            .put("name", facts.contact(f.company(), f.contact()).first() + " "
                                    + facts.contact(f.company(), f.contact()).last()))
                    .<ObjectNode>set("owner", memberRef(owner)).put("resources", owner.get("identifier").asText())
                    .put("severity", "Medium").put("impact", "Medium")
                    .put("closedFlag", status.get("closedStatus").asBoolean()).put("actualHours", 0.0)
                    .put("billTime", "NoDefault").put("customerUpdatedFlag", false)
                    .set("_info", info(f.created(), owner.get("identifier").asText()));
            t.get("tickets").insert(tk);
            if (f.attachment()) {
                long docId = 600 + i;
                String guid = UUID.nameUUIDFromBytes(("document " + docId).getBytes(StandardCharsets.UTF_8)).toString();
                t.get("documents").insert(Json.obj().put("id", docId).put("title", "screenshot.png")
                        .put("fileName", "screenshot.png").put("serverFileName", guid + ".png")
                        .put("owner", owner.get("identifier").asText()).put("linkFlag", false).put("imageFlag", true)
                        .put("publicFlag", false).put("htmlTemplateFlag", false).put("readOnlyFlag", false)
                        .put("size", 48_213 + i).put("urlFlag", false).put("guid", guid)
                        .set("_info", info(f.created(), owner.get("identifier").asText())));
                documentOwners.put(docId, "Ticket:" + id);
            }
            for (int n = 0; n < f.notes(); n++) {
                Instant at = f.created().plus(20L * (n + 1), ChronoUnit.MINUTES);
                t.get("notes").insert(Json.obj().put("ticketId", id).put("text", n == 0 ? "Called user, gathering details."
                                : "Waiting on user to confirm.").put("detailDescriptionFlag", n == 0)
                        .put("internalAnalysisFlag", n != 0).put("resolutionFlag", false)
                        .<ObjectNode>set("member", memberRef(owner)).put("dateCreated", ts(at))
                        .put("createdBy", owner.get("identifier").asText()).set("_info", info(at, owner.get("identifier").asText())));
            }
            if (!status.get("closedStatus").asBoolean()) {
                // the owner is booked for an hour on every open ticket
                Instant start = f.created().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
                t.get("scheduleentries").insert(Json.obj().put("objectId", id).put("name", co.name() + " / " + f.title())
                        .<ObjectNode>set("member", memberRef(owner)).put("dateStart", ts(start))
                        .put("dateEnd", ts(start.plus(1, ChronoUnit.HOURS)))
                        .<ObjectNode>set("type", Json.obj().put("id", 4).put("identifier", "S"))
                        .<ObjectNode>set("status", Json.obj().put("id", 2).put("name", "Firm")).put("doneFlag", false)
                        .put("acknowledgedFlag", false).put("ownerFlag", false).put("hours", 1.0)
                        .set("_info", info(f.created(), owner.get("identifier").asText())));
            }
        }
        for (int i = 0; i < scale.computers(); i++) {
            SeedFacts.Computer pc = facts.computer(i);
            t.get("configurations").insert(Json.obj().put("id", 9001 + i).put("name", pc.name())
                    .<ObjectNode>set("type", Json.obj().put("id", pc.server() ? 2 : 1).put("name", pc.server() ? "Server" : "Workstation"))
                    .<ObjectNode>set("status", Json.obj().put("id", 1).put("name", "Active"))
                    .<ObjectNode>set("company", companyRef(facts.company(pc.company()), 250 + pc.company()))
                    .put("serialNumber", pc.serial()).put("osType", pc.os()).put("activeFlag", true)
                    .put("showAutomateFlag", true).put("deviceIdentifier", String.valueOf(i + 1))
                    .set("_info", info(pc.lastContact(), "Automate")));
        }
        seedProjects(facts, t);
        seedCompanyRecords(facts, t);
        t.get("mycompanyother").insert(Json.obj().put("id", 1).putNull("defaultLdap")
                .put("defaultFromAddress", "help@demo-msp.example").put("portalUrlOverride", "")
                .put("siteUrl", MANAGE_CLOUD_HOST).put("logoPath", "").put("contactSync", "None")
                .<ObjectNode>set("serverTimeZone", link(1, "name", "Eastern Standard Time", "timeZone", "system/timeZoneSetups"))
                .<ObjectNode>set("defaultCalendar", link(1, "name", "Standard Business Hours", "calendar", "schedule/calendars"))
                .<ObjectNode>set("defaultAddressFormat", link(1, "name", "US", "addressFormat", "company/addressFormats"))
                .put("useSslFlag", true).put("syncLeadsFlag", false).put("includePortalLinkFlag", true)
                .put("useExpandedFormatTimeFlag", false).put("useExpandedFormatActivityFlag", false)
                .set("_info", info(old, "admin")));
        tokens.clear();
        tables.clear();
        tables.putAll(t);
        callbacks.reset();
    }

    /** Projects with their notes, team and project tickets on the "Projects" board. */
    private void seedProjects(SeedFacts facts, Map<String, Table> t) {
        SeedFacts.Scale scale = facts.scale();
        ObjectNode board = t.get("boards").get(12 + PROJECT_BOARD);
        for (int i = 0; i < facts.projects(); i++) {
            SeedFacts.Project p = facts.project(i);
            long id = 5001 + i;
            SeedFacts.Company co = facts.company(p.company());
            ObjectNode manager = t.get("members").get(177 + p.lead());
            ObjectNode engineer = t.get("members").get(177 + p.engineer());
            String by = manager.get("identifier").asText();
            SeedFacts.Person contact = facts.contact(p.company(), 0);
            ObjectNode project = Json.obj().put("id", id).put("name", p.name())
                    .<ObjectNode>set("board", link(board.get("id").asLong(), "name", board.get("name").asText(), "board", "service/boards"))
                    .<ObjectNode>set("status", link(p.complete() ? 3 : 1, "name", p.complete() ? "Closed" : "Open", "status", "project/statuses"))
                    .<ObjectNode>set("company", companyLink(co, 250 + p.company()))
                    .<ObjectNode>set("contact", link(contactId(scale, p.company(), 0), "name",
                            contact.first() + " " + contact.last(), "contact", "company/contacts"))
                    .<ObjectNode>set("manager", memberLink(manager))
                    .<ObjectNode>set("type", link(1, "name", "Client Project", "type", "project/projectTypes"))
                    .<ObjectNode>set("agreement", link(7001 + p.company(), "name", facts.contract(p.company()).name(),
                            "agreement", "finance/agreements"))
                    .put("estimatedStart", ts(p.start())).put("estimatedEnd", ts(p.end())).put("actualStart", ts(p.start()))
                    .put("actualEnd", p.complete() ? ts(p.end()) : null).put("closedFlag", p.complete())
                    .put("billingMethod", "FixedFee").put("billingAmount", 4800.0).put("budgetHours", 40.0)
                    .put("estimatedHours", 40.0).put("actualHours", p.complete() ? 38.5 : 16.0)
                    .put("description", p.name() + " for " + co.name() + ".").put("billTime", "Billable")
                    .set("_info", info(p.start(), by));
            t.get("projects").insert(project);
            t.get("projectnotes").insert(Json.obj().put("projectId", id).put("text", "Kick-off held with "
                            + contact.first() + "; scope and schedule agreed.")
                    .<ObjectNode>set("type", link(1, "name", "General", "type", "project/noteTypes")).put("flagged", false)
                    .put("enteredBy", by).set("_info", info(p.start(), by)));
            int role = 0;
            for (ObjectNode m : new ObjectNode[] {manager, engineer}) {
                t.get("projectteammembers").insert(Json.obj().put("projectId", id).put("hours", role == 0 ? 8.0 : 32.0)
                        .<ObjectNode>set("member", memberLink(m))
                        .<ObjectNode>set("projectRole", link(role + 1, "name", role == 0 ? "Project Manager" : "Engineer",
                                "projectRole", "project/projectRoles"))
                        .<ObjectNode>set("workRole", link(role + 1, "name", role == 0 ? "Project Manager" : "Project Engineer",
                                "workRole", "time/workRoles"))
                        .put("startDate", ts(p.start())).put("endDate", ts(p.end())).set("_info", info(p.start(), by)));
                role++;
            }
            String[] phases = {"Planning", "Execution"};
            for (int n = 0; n < phases.length; n++) {
                boolean closed = p.complete() || n == 0;
                ObjectNode status = t.get("statuses").get(statusId(PROJECT_BOARD, closed ? SeedFacts.STATUSES.size() - 1 : 1));
                t.get("projecttickets").insert(Json.obj().put("id", 3_000_001L + 2L * i + n)
                        .put("summary", phases[n] + ": " + p.name()).put("recordType", "ProjectTicket")
                        .<ObjectNode>set("board", link(board.get("id").asLong(), "name", board.get("name").asText(), "board", "service/boards"))
                        .<ObjectNode>set("status", link(status.get("id").asLong(), "name", status.get("name").asText(),
                                "status", "service/boards/" + board.get("id").asLong() + "/statuses"))
                        .<ObjectNode>set("project", link(id, "name", p.name(), "project", "project/projects"))
                        .<ObjectNode>set("phase", link(10L * i + n + 1, "name", phases[n], "phase", "project/projects/" + id + "/phases"))
                        .<ObjectNode>set("company", companyLink(co, 250 + p.company()))
                        .put("resources", (n == 0 ? manager : engineer).get("identifier").asText())
                        .put("closedFlag", closed).put("budgetHours", n == 0 ? 8.0 : 32.0).put("actualHours", closed ? 8.0 : 4.0)
                        .put("billTime", "Billable").set("_info", info(p.start().plus(n, ChronoUnit.DAYS), by)));
            }
        }
    }

    /** Company notes and account teams, agreements and their product lines. */
    private void seedCompanyRecords(SeedFacts facts, Map<String, Table> t) {
        SeedFacts.Scale scale = facts.scale();
        for (int c = 0; c < scale.companies(); c++) {
            SeedFacts.Company co = facts.company(c);
            SeedFacts.Contract k = facts.contract(c);
            ObjectNode manager = t.get("members").get(177L + c % scale.technicians());
            String by = manager.get("identifier").asText();
            SeedFacts.Person contact = facts.contact(c, 0);
            ObjectNode contactLink = link(contactId(scale, c, 0), "name", contact.first() + " " + contact.last(),
                    "contact", "company/contacts");
            t.get("companynotes").insert(Json.obj().put("text", "Main number " + co.phone() + "; ask for "
                            + contact.first() + " for on-site access.")
                    .<ObjectNode>set("type", link(1, "name", "General", "type", "company/noteTypes")).put("flagged", c % 7 == 0)
                    .put("enteredBy", by).<ObjectNode>set("company", companyLink(co, 250 + c))
                    .set("_info", info(k.start(), by)));
            t.get("companyteams").insert(Json.obj().<ObjectNode>set("company", companyLink(co, 250 + c))
                    .<ObjectNode>set("teamRole", link(1, "name", "Account Manager", "teamRole", "company/teamRoles"))
                    .put("locationId", 1).put("businessUnitId", 10).<ObjectNode>set("contact", contactLink)
                    .<ObjectNode>set("member", memberLink(manager)).put("accountManagerFlag", true).put("techFlag", false)
                    .put("salesFlag", false).set("_info", info(k.start(), by)));
            long agreementId = 7001 + c;
            t.get("agreements").insert(Json.obj().put("id", agreementId).put("name", k.name())
                    .<ObjectNode>set("type", link(1, "name", "Managed Services", "type", "finance/agreements/types"))
                    .<ObjectNode>set("company", companyLink(co, 250 + c)).<ObjectNode>set("contact", contactLink)
                    .put("startDate", ts(k.start())).putNull("endDate").put("noEndingDateFlag", true)
                    .put("cancelledFlag", false).put("agreementStatus", "Active").put("billAmount", k.monthlyFee())
                    .put("billTime", "Billable").put("billExpenses", "Billable").put("billProducts", "Billable")
                    .put("applicationUnits", "Amount").put("applicationUnlimitedFlag", true).put("taxable", true)
                    .put("invoicingCycle", "CalendarYear").put("periodType", "Current")
                    .set("_info", info(k.start(), "admin")));
            SeedFacts.Product pr = SeedFacts.PRODUCTS.get(k.product());
            t.get("products").insert(Json.obj().put("id", 8001 + c)
                    .<ObjectNode>set("catalogItem", link(200 + k.product(), "identifier", pr.sku(), "catalog", "procurement/catalog"))
                    .put("description", pr.name()).put("sequenceNumber", 1.0).put("quantity", (double) k.seats())
                    .put("price", pr.price()).put("cost", pr.cost()).put("extPrice", k.seats() * pr.price())
                    .put("extCost", k.seats() * pr.cost()).put("billableOption", "Billable")
                    .<ObjectNode>set("agreement", link(agreementId, "name", k.name(), "agreement", "finance/agreements"))
                    .put("chargeToId", agreementId).put("chargeToType", "Agreement").put("locationId", 1)
                    .put("businessUnitId", 10).put("taxableFlag", true).put("cancelledFlag", false)
                    .put("customerDescription", pr.name()).put("productSuppliedFlag", true)
                    .set("_info", info(k.start(), "admin")));
        }
    }

    /** Index of the queue that is the projects board (its projectFlag is set). */
    static final int PROJECT_BOARD = 3;

    private static ObjectNode companyLink(SeedFacts.Company co, long id) {
        return withInfo(Json.obj().put("id", id).put("identifier", co.identifier()).put("name", co.name()), "company",
                "company/companies");
    }

    private static ObjectNode memberLink(ObjectNode m) {
        return withInfo(memberRef(m), "member", "system/members");
    }

    static long statusId(int board, int status) {
        return 88 + board * 10L + status;
    }

    static long contactId(SeedFacts.Scale scale, int company, int n) {
        return 1000L + (long) company * scale.contactsPerCompany() + n;
    }

    private static ObjectNode member(long id, String identifier, String first, String last, String license, Instant at) {
        return Json.obj().put("id", id).put("identifier", identifier).put("firstName", first).put("lastName", last)
                .put("licenseClass", license).put("inactiveFlag", false)
                .put("primaryEmail", identifier + "@demo-msp.example").put("defaultEmail", "Office")
                .<ObjectNode>set("securityRole", link(license.equals("A") ? 70 : 63, "name",
                        license.equals("A") ? "Neo" : "Technician", "securityRole", "system/securityRoles"))
                .put("title", license.equals("A") ? "API Member" : "Technician").put("dailyCapacity", 8.0)
                .set("_info", info(at, "admin"));
    }

    private static ObjectNode companyRef(SeedFacts.Company co, long id) {
        return Json.obj().put("id", id).put("identifier", co.identifier()).put("name", co.name());
    }

    public static ObjectNode memberRef(ObjectNode m) {
        return Json.obj().put("id", m.get("id").asLong()).put("identifier", m.get("identifier").asText())
                .put("name", m.get("firstName").asText() + " " + m.get("lastName").asText());
    }

    private static ObjectNode ref(ObjectNode rec, String label) {
        return Json.obj().put("id", rec.get("id").asLong()).put(label, rec.path(label).asText());
    }

    public Optional<ObjectNode> memberByIdentifier(String identifier) {
        return table("members").all().stream().filter(m -> m.get("identifier").asText().equalsIgnoreCase(identifier))
                .findFirst();
    }

    // ---------------------------------------------------------------- writes

    /** Resolves a reference given as {id} or {identifier}/{name}; 400 InvalidObject when it does not exist. */
    private ObjectNode resolve(String resource, String field, JsonNode given, String table, String label,
                               boolean required) {
        if (given == null || given.isNull()) {
            if (required) {
                throw ManageException.invalid(resource, "MissingRequiredField", field, "The " + field + " field is required.");
            }
            return null;
        }
        JsonNode id = given.get("id");
        JsonNode key = given.has("identifier") ? given.get("identifier") : given.get("name");
        ObjectNode found = id != null ? table(table).get(id.asLong()) : key == null ? null
                : table(table).all().stream().filter(r -> r.path(label).asText().equalsIgnoreCase(key.asText())
                        || r.path("name").asText().equalsIgnoreCase(key.asText())).findFirst().orElse(null);
        if (found == null) {
            throw ManageException.invalid(resource, "InvalidObject", field, field + " could not be found.");
        }
        return found;
    }

    /**
     * Creates a record of {@code type} (the caller has checked the security role); {@code member} is the
     * authenticated member's identifier, {@code parent} the record of a child route (null for a top-level POST).
     * Order: the parent must exist (404), then the body is validated (400), then the record is stored.
     */
    public ObjectNode create(String type, ObjectNode body, String member, Parent parent, String origin) {
        Instant now = Instant.now();
        Kind kind = KINDS.get(type);
        ObjectNode rec = body.deepCopy();
        rec.remove("id");
        if (parent != null) {
            ObjectNode of = table(parent.table()).get(parent.id());
            if (of == null) {
                throw notFound(parent.table(), parent.id());
            }
            String[] path = parent.path().split("/");
            if (path.length == 1) {
                rec.put(path[0], parent.id());
            } else {
                rec.set(path[0], parent.table().equals("companies") ? companyRefOf(of) : ref(of, "name"));
            }
        }
        for (String field : kind.required()) {
            JsonNode v = rec.get(field);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank()) || (v.isContainerNode() && v.isEmpty())) {
                throw ManageException.invalid(kind.resource(), "MissingRequiredField", field,
                        "The " + field + " field is required.");
            }
        }
        ObjectNode actor = memberByIdentifier(member).orElseThrow();
        switch (type) {
            case "tickets" -> {
                rec.set("company", companyRefOf(resolve("ticket", "company", rec.get("company"), "companies", "identifier", true)));
                ObjectNode board = resolve("ticket", "board", rec.has("board") ? rec.get("board")
                        : Json.obj().put("id", 12), "boards", "name", true);
                rec.set("board", ref(board, "name"));
                ObjectNode status = rec.has("status") ? resolve("ticket", "status", rec.get("status"), "statuses", "name", true)
                        : table("statuses").all().stream().filter(s -> s.at("/board/id").asLong() == board.get("id").asLong()
                        && s.get("defaultFlag").asBoolean()).findFirst().orElseThrow();
                rec.set("status", ref(status, "name").put("sort", status.get("sortOrder").asInt()));
                ObjectNode prio = rec.has("priority") ? resolve("ticket", "priority", rec.get("priority"), "priorities", "name", true)
                        : table("priorities").all().stream().filter(p -> p.get("defaultFlag").asBoolean()).findFirst().orElseThrow();
                rec.set("priority", ref(prio, "name"));
                if (rec.has("owner")) {
                    rec.set("owner", memberRef(resolve("ticket", "owner", rec.get("owner"), "members", "identifier", true)));
                }
                rec.put("recordType", rec.path("recordType").asText("ServiceTicket"))
                        .put("closedFlag", status.get("closedStatus").asBoolean());
                rec.remove("initialDescription");
            }
            case "notes" -> {
                ObjectNode author = rec.has("member") ? resolve("ticketNote", "member", rec.get("member"), "members", "identifier", true) : actor;
                rec.set("member", memberRef(author));
                rec.put("dateCreated", ts(now)).put("createdBy", member);
                for (String flag : new String[] {"detailDescriptionFlag", "internalAnalysisFlag", "resolutionFlag"}) {
                    rec.put(flag, rec.path(flag).asBoolean(false));
                }
            }
            case "timeentries" -> {
                ObjectNode who = rec.has("member") ? resolve("timeEntry", "member", rec.get("member"), "members", "identifier", true) : actor;
                if ("A".equals(who.path("licenseClass").asText())) {
                    throw ManageException.invalid("timeEntry", "InvalidObject", "member", "Time cannot be entered for an API member.");
                }
                rec.set("member", memberRef(who));
                if (rec.hasNonNull("chargeToId")) {
                    ObjectNode tk = table("tickets").get(rec.get("chargeToId").asLong());
                    if (tk == null) {
                        throw ManageException.invalid("timeEntry", "InvalidObject", "chargeToId", "chargeToId could not be found.");
                    }
                    rec.put("chargeToType", rec.path("chargeToType").asText("ServiceTicket"))
                            .<ObjectNode>set("ticket", Json.obj().put("id", tk.get("id").asLong()).put("summary", tk.get("summary").asText()))
                            .set("company", tk.get("company"));
                }
                rec.put("billableOption", rec.path("billableOption").asText("Billable")).put("status", "Open")
                        .put("enteredBy", member).put("dateEntered", ts(now));
            }
            case "companies" -> rec.put("deletedFlag", false);
            case "contacts" -> {
                if (rec.has("company")) {
                    rec.set("company", companyRefOf(resolve("contact", "company", rec.get("company"), "companies", "identifier", true)));
                }
                rec.put("inactiveFlag", rec.path("inactiveFlag").asBoolean(false));
            }
            case "scheduleentries" -> {
                rec.set("member", memberRef(rec.has("member") ? resolve("scheduleEntry", "member", rec.get("member"),
                        "members", "identifier", true) : actor));
            }
            case "callbacks" -> callbacks.prepareNew(rec, actor);
            case "configurations", "projects", "agreements" -> rec.set("company",
                    companyRefOf(resolve(kind.resource(), "company", rec.get("company"), "companies", "identifier", true)));
            case "projecttickets" -> {
                ObjectNode project = resolve("projectTicket", "project", rec.get("project"), "projects", "name", true);
                rec.set("project", ref(project, "name"));
                rec.set("company", project.get("company"));
                rec.set("board", project.get("board"));
                ObjectNode status = table("statuses").get(statusId(PROJECT_BOARD, 0));
                rec.set("status", ref(status, "name"));
                rec.put("recordType", "ProjectTicket").put("closedFlag", false);
            }
            case "projectteammembers" ->
                    rec.set("member", memberRef(resolve("projectTeamMember", "member", rec.get("member"), "members", "identifier", true)));
            case "projectnotes", "companynotes" -> rec.put("enteredBy", member);
            default -> {
            }
        }
        rec.set("_info", info(now, member));
        ObjectNode saved = table(type).insert(rec);
        afterWrite(type, "added", saved, member, origin);
        return saved;
    }

    private static ObjectNode companyRefOf(ObjectNode company) {
        return Json.obj().put("id", company.get("id").asLong()).put("identifier", company.get("identifier").asText())
                .put("name", company.get("name").asText());
    }

    /** Applies a full replacement (PUT) or a changed copy (PATCH) and fires callbacks. */
    public ObjectNode replace(String type, long id, ObjectNode next, String member, String origin) {
        ObjectNode current = table(type).get(id);
        if (current == null) {
            throw notFound(type, id);
        }
        next.put("id", id);
        if (type.equals("tickets") && next.has("status")) {
            ObjectNode status = resolve("ticket", "status", next.get("status"), "statuses", "name", true);
            next.set("status", ref(status, "name").put("sort", status.get("sortOrder").asInt()));
            next.put("closedFlag", status.get("closedStatus").asBoolean());
        }
        if (type.equals("tickets") && next.has("owner") && !next.get("owner").isNull()) {
            next.set("owner", memberRef(resolve("ticket", "owner", next.get("owner"), "members", "identifier", true)));
        }
        ObjectNode info = current.path("_info").isObject() ? ((ObjectNode) current.get("_info")).deepCopy() : Json.obj();
        next.set("_info", info.put("lastUpdated", ts(Instant.now())).put("updatedBy", member));
        table(type).update(id, old -> next);
        afterWrite(type, "updated", next, member, origin);
        return next;
    }

    public void delete(String type, long id, String member, String origin) {
        ObjectNode old = table(type).remove(id);
        if (old == null) {
            throw notFound(type, id);
        }
        afterWrite(type, "deleted", old, member, origin);
    }

    public static ManageException notFound(String type, long id) {
        return new ManageException(404, "NotFound", KINDS.get(type).record() + " " + id + " not found");
    }

    /** The record a document is attached to, as "recordType:recordId" (null for an unknown document). */
    public String documentOwner(long documentId) {
        return documentOwners.get(documentId);
    }

    private void afterWrite(String type, String action, ObjectNode rec, String member, String origin) {
        if (action.equals("added") && (type.equals("notes") || type.equals("timeentries"))) {
            boolean note = type.equals("notes");
            writeLog.add(new WriteLog.Entry(Instant.now(), "manage", note ? "ServiceNote" : "TimeEntry",
                    rec.get("id").asLong(), note ? rec.get("ticketId").asLong() : rec.hasNonNull("chargeToId")
                    ? rec.get("chargeToId").asLong() : null, member, rec.at("/member/identifier").asText(member),
                    config.manage().clientId(), note ? rec.path("text").asText() : rec.path("notes").asText()));
        }
        String cbType = switch (type) {
            case "tickets" -> "ticket";
            case "companies" -> "company";
            case "contacts" -> "contact";
            case "timeentries" -> "time";
            case "configurations" -> "configuration";
            case "scheduleentries" -> "schedule";
            case "projecttickets" -> "ticket";
            case "projects" -> "project";
            case "agreements" -> "agreement";
            default -> null;
        };
        if (cbType != null) {
            callbacks.fire(cbType, action, rec, member, origin);
        }
    }
}
