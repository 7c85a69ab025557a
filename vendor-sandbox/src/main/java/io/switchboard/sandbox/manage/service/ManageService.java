package io.switchboard.sandbox.manage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.control.WriteLog;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.data.SeedFacts;
import io.switchboard.sandbox.data.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The Manage database of the demo tenant and its write rules (references, _info audit, callbacks, write log). */
@ApplicationScoped
public class ManageService {
    public static final String[] TABLES = {"companies", "contacts", "members", "boards", "statuses", "priorities",
        "tickets", "notes", "timeentries", "configurations", "scheduleentries", "callbacks"};
    public static final String MANAGE_CLOUD_HOST = "sandbox-na.myconnectwise.net";

    /** An issued member token: Basic auth with it acts as that member until expiry. */
    public record Token(String privateKey, String member, Instant expiration) {
    }

    private final SandboxConfig config;
    private final WriteLog writeLog;
    private final ManageCallbacks callbacks;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

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

    private static ObjectNode info(Instant at, String by) {
        return Json.obj().put("lastUpdated", ts(at)).put("updatedBy", by).put("dateEntered", ts(at)).put("enteredBy", by);
    }

    public void reset(SeedFacts facts) {
        Map<String, Table> t = new ConcurrentHashMap<>();
        for (String n : TABLES) {
            t.put(n, new Table(1, "id"));
        }
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
                    .put("inactiveFlag", false).put("projectFlag", b == 3).set("_info", info(old, "admin")));
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
            for (int n = 0; n < f.notes(); n++) {
                Instant at = f.created().plus(20L * (n + 1), ChronoUnit.MINUTES);
                t.get("notes").insert(Json.obj().put("ticketId", id).put("text", n == 0 ? "Called user, gathering details."
                                : "Waiting on user to confirm.").put("detailDescriptionFlag", n == 0)
                        .put("internalAnalysisFlag", n != 0).put("resolutionFlag", false)
                        .<ObjectNode>set("member", memberRef(owner)).put("dateCreated", ts(at))
                        .put("createdBy", owner.get("identifier").asText()).set("_info", info(at, owner.get("identifier").asText())));
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
        tokens.clear();
        tables.clear();
        tables.putAll(t);
        callbacks.reset();
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
                .<ObjectNode>set("securityRole", Json.obj().put("id", license.equals("A") ? 70 : 63)
                        .put("name", license.equals("A") ? "Neo" : "Technician"))
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

    /** Creates a record of {@code type}; {@code member} is the authenticated member's identifier. */
    public ObjectNode create(String type, ObjectNode body, String member, Long parentId, String origin) {
        Instant now = Instant.now();
        ObjectNode rec = body.deepCopy();
        rec.remove("id");
        ObjectNode actor = memberByIdentifier(member).orElseThrow();
        switch (type) {
            case "tickets" -> {
                requireText(rec, "ticket", "summary");
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
                requireText(rec, "ticketNote", "text");
                rec.put("ticketId", parentId);
                ObjectNode author = rec.has("member") ? resolve("ticketNote", "member", rec.get("member"), "members", "identifier", true) : actor;
                rec.set("member", memberRef(author));
                rec.put("dateCreated", ts(now)).put("createdBy", member);
                for (String flag : new String[] {"detailDescriptionFlag", "internalAnalysisFlag", "resolutionFlag"}) {
                    rec.put(flag, rec.path(flag).asBoolean(false));
                }
            }
            case "timeentries" -> {
                if (!rec.hasNonNull("timeStart")) {
                    throw ManageException.invalid("timeEntry", "MissingRequiredField", "timeStart", "The timeStart field is required.");
                }
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
            case "companies" -> {
                requireText(rec, "company", "identifier");
                requireText(rec, "company", "name");
                rec.put("deletedFlag", false);
            }
            case "contacts" -> {
                requireText(rec, "contact", "firstName");
                if (rec.has("company")) {
                    rec.set("company", companyRefOf(resolve("contact", "company", rec.get("company"), "companies", "identifier", true)));
                }
                rec.put("inactiveFlag", rec.path("inactiveFlag").asBoolean(false));
            }
            case "scheduleentries" -> {
                if (!rec.has("type")) {
                    throw ManageException.invalid("scheduleEntry", "MissingRequiredField", "type", "The type field is required.");
                }
                rec.set("member", memberRef(rec.has("member") ? resolve("scheduleEntry", "member", rec.get("member"),
                        "members", "identifier", true) : actor));
            }
            case "callbacks" -> callbacks.prepareNew(rec, actor);
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

    private static void requireText(ObjectNode rec, String resource, String field) {
        if (rec.path(field).asText("").isBlank()) {
            throw ManageException.invalid(resource, "MissingRequiredField", field, "The " + field + " field is required.");
        }
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

    private static final Map<String, String> RECORD_NAMES = Map.ofEntries(Map.entry("tickets", "Ticket"),
            Map.entry("notes", "Note"), Map.entry("timeentries", "TimeEntry"), Map.entry("companies", "Company"),
            Map.entry("contacts", "Contact"), Map.entry("callbacks", "Callback"), Map.entry("members", "Member"),
            Map.entry("boards", "Board"), Map.entry("statuses", "Status"), Map.entry("priorities", "Priority"),
            Map.entry("configurations", "Configuration"), Map.entry("scheduleentries", "ScheduleEntry"));

    public static ManageException notFound(String type, long id) {
        return new ManageException(404, "NotFound", RECORD_NAMES.getOrDefault(type, type) + " " + id + " not found");
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
            default -> null;
        };
        if (cbType != null) {
            callbacks.fire(cbType, action, rec, member, origin);
        }
    }
}
