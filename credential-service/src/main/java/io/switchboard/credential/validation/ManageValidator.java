package io.switchboard.credential.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.http.QueryString;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.connectors.manage.ManageClient;
import io.switchboard.connectors.manage.ManageCompanyInfo;
import io.switchboard.connectors.manage.ManageCredentials;
import io.switchboard.connectors.manage.ManageQuery;
import io.switchboard.contracts.Vendor;
import io.switchboard.credential.config.CredentialsConfig;
import io.switchboard.credential.security.UrlPolicy;
import io.switchboard.credential.validation.ValidationReport.Cause;
import io.switchboard.credential.validation.ValidationReport.Failure;
import io.switchboard.credential.validation.ValidationReport.PermissionCheck.Status;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * ConnectWise Manage (seed 001): codebase discovery from the company id, then the "Neo" security role entry by entry
 * (inquire: a count; add: POST {@code {}}; edit: PATCH of id 0; delete: DELETE of id 0, each refused either way),
 * and the API member and its security role.
 */
@Singleton
public class ManageValidator extends VendorValidator {

    private static final String NOT_CHECKABLE = "no API call exercises this entry without a side effect";

    /** A security role entry as the guide lists it. */
    private record Entry(String id, String module, String name) {
    }

    /** A probe that needs a record of another collection, readable through that collection's entry. */
    private record Anchor(Entry readThrough, String path) {
    }

    /**
     * How a level of an entry is probed: {@code call} gets the client and the id of the {@code anchor} record (null
     * without an anchor); a null {@code call} means not checkable.
     */
    private record Need(String level, Entry entry, String how, Anchor anchor, BiFunction<ManageClient, Long, PermissionProbe> call) {
        Requirement requirement() {
            return new Requirement(level + ":" + entry.id(), entry.module() + " › " + entry.name() + " (" + level + ")");
        }
    }

    private static final Entry SERVICE_TICKETS = entry("ServiceTickets", "Service Desk", "Service Tickets");
    private static final Entry SERVICE_TICKETS_FINANCE = entry("ServiceTicketsFinance", "Service Desk", "Service Tickets - Finance");
    private static final Entry CLOSE_SERVICE_TICKETS = entry("CloseServiceTickets", "Service Desk", "Close Service Tickets");
    private static final Entry RESOURCE_SCHEDULING = entry("ResourceScheduling", "Service Desk", "Resource Scheduling");
    private static final Entry MERGE_TICKETS = entry("MergeTickets", "Service Desk", "Merge Tickets");
    private static final Entry SERVICE_TICKET_DEPENDENCIES = entry("ServiceTicketDependencies", "Service Desk", "Service Ticket - Dependencies");
    private static final Entry CLOSE_PROJECT_TICKETS = entry("CloseProjectTickets", "Project", "Close Project Tickets");
    private static final Entry CLOSE_PROJECTS = entry("CloseProjects", "Project", "Close Projects");
    private static final Entry PROJECT_HEADERS = entry("ProjectHeaders", "Project", "Project Headers");
    private static final Entry PROJECT_NOTES = entry("ProjectNotes", "Project", "Project Notes");
    private static final Entry PROJECT_PHASE = entry("ProjectPhase", "Project", "Project Phase");
    private static final Entry PROJECT_TICKETS = entry("ProjectTickets", "Project", "Project Tickets");
    private static final Entry PROJECT_CONTACTS = entry("ProjectContacts", "Project", "Project Contacts");
    private static final Entry PROJECT_FINANCE = entry("ProjectFinance", "Project", "Project Finance");
    private static final Entry PROJECT_MANAGEMENT = entry("ProjectManagement", "Project", "Project Management");
    private static final Entry PROJECT_REPORTS = entry("ProjectReports", "Project", "Project Reports");
    private static final Entry PROJECT_TEAMS = entry("ProjectTeams", "Project", "Project Teams");
    private static final Entry PROJECT_TICKET_DEPENDENCIES = entry("ProjectTicketDependencies", "Project", "Project Ticket - Dependencies");
    private static final Entry PROJECT_TICKET_TASKS = entry("ProjectTicketTasks", "Project", "Project Ticket Tasks");
    private static final Entry CONFIGURATIONS = entry("Configurations", "Companies", "Configurations");
    private static final Entry CONTACTS = entry("Contacts", "Companies", "Contacts");
    private static final Entry TEAM_MEMBERS = entry("TeamMembers", "Companies", "Team Members");
    private static final Entry COMPANY_MAINTENANCE = entry("CompanyMaintenance", "Companies", "Company Maintenance");
    private static final Entry MANAGE_ATTACHMENTS = entry("ManageAttachments", "Companies", "Manage Attachments");
    private static final Entry COMPANY_MANAGEMENT = entry("CompanyManagement", "Companies", "Management");
    private static final Entry COMPANY_NOTES = entry("CompanyNotes", "Companies", "Notes");
    private static final Entry COMPANY_REPORTS = entry("CompanyReports", "Companies", "Reports");
    private static final Entry TIME_ENTRY = entry("TimeEntry", "Time & Expense", "Time Entry");
    private static final Entry TIME_ENTRY_BILLABLE_OPTION = entry("TimeEntryBillableOption", "Time & Expense", "Time Entry Billable Option");
    private static final Entry TIME_REPORTS = entry("TimeReports", "Time & Expense", "Reports");
    private static final Entry MEMBER_MAINTENANCE = entry("MemberMaintenance", "System", "Member Maintenance");
    private static final Entry TABLE_SETUP = entry("TableSetup", "System", "Table Setup");
    private static final Entry MY_COMPANY = entry("MyCompany", "System", "My Company");
    private static final Entry AGREEMENTS = entry("Agreements", "Finance", "Agreements");
    private static final Entry BILLING_VIEW_TIME = entry("BillingViewTime", "Finance", "Billing View Time");
    private static final Entry PRODUCTS = entry("Products", "Procurement", "Products");

    private static final Anchor PROJECT = new Anchor(PROJECT_HEADERS, "project/projects");
    private static final Anchor COMPANY = new Anchor(COMPANY_MAINTENANCE, "company/companies");
    private static final Anchor TICKET = new Anchor(SERVICE_TICKETS, "service/tickets");

    /** The guide's tables in its order: inquire, then add and edit, then delete. */
    private static final List<Need> NEEDS = needs();
    private static final List<Requirement> REQUIRED = NEEDS.stream().map(Need::requirement).toList();

    private final VendorHttp http;

    public ManageValidator(VendorHttp http, UrlPolicy urlPolicy, CredentialsConfig config) {
        super(urlPolicy, config);
        this.http = http;
    }

    @Override
    public Vendor vendor() {
        return Vendor.CONNECTWISE_MANAGE;
    }

    @Override
    List<Requirement> required() {
        return REQUIRED;
    }

    @Override
    void check(Map<String, String> settings, Map<String, String> secrets, ReportDraft report) {
        String site = guarded("the Manage site", settings.get("siteUrl"));
        String companyId = settings.get("companyId");
        Optional<ManageCompanyInfo> info = report.call(() -> ManageClient.companyInfo(http, site, companyId));
        if (info.isEmpty()) {
            report.fail(Failure.WRONG_CREDENTIALS, Cause.UNKNOWN_COMPANY, site + " knows no company " + companyId
                    + ": use the company id of the ConnectWise login screen", null);
            return;
        }
        report.discovered("companyName", info.get().companyName());
        report.discovered("codebase", info.get().codebase());
        report.discovered("versionCode", info.get().versionCode());
        ManageClient client = ManageClient.forCompany(http, new ManageCredentials(site, companyId, settings.get("publicKey"),
                secrets.get("privateKey"), settings.get("clientId")), info.get());

        Probing probing = new Probing(client, report);
        // the entries whose records others need first (the report keeps the guide's order)
        for (Need need : NEEDS.stream().sorted(Comparator.comparing(n -> n.anchor() != null)).toList()) {
            String id = need.requirement().id();
            Optional<String> unavailable = need.call() == null ? Optional.of(NOT_CHECKABLE) : probing.unavailable(need);
            if (unavailable.isPresent()) {
                report.notCheckable(id, null, unavailable.get(), null);
            } else {
                probing.probe(need);
            }
        }
        apiMember(client, settings.get("apiMemberIdentifier"), report);
    }

    /** The API member by its identifier (needs Member Maintenance inquire) and its security role. */
    private static void apiMember(ManageClient client, String identifier, ReportDraft report) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("identifier", identifier);
        report.discovered("apiMember", facts);
        if (report.status("inquire:MemberMaintenance") != Status.OK) {
            return;
        }
        String condition = "identifier = \"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        List<JsonNode> members = report.call(() -> client.firstPage("system/members", new ManageQuery(condition, "id asc", null, 1)));
        facts.put("found", !members.isEmpty());
        if (members.isEmpty()) {
            report.fail(Failure.WRONG_CREDENTIALS, Cause.UNKNOWN_API_MEMBER, "Manage has no member " + identifier
                    + ": use the API member's Member ID", null);
            return;
        }
        JsonNode member = members.get(0);
        facts.put("id", member.path("id").asLong());
        JsonNode role = member.path("securityRole");
        if (role.isObject()) {
            Map<String, Object> securityRole = new LinkedHashMap<>();
            securityRole.put("id", role.path("id").asLong());
            securityRole.put("name", role.path("name").asText(null));
            facts.put("securityRole", securityRole);
        }
    }

    /** Runs the probes, reading each record a probe needs (a project, a company, a ticket) once. */
    private static final class Probing {
        private final ManageClient client;
        private final ReportDraft report;
        private final Map<String, Optional<Long>> firstIds = new HashMap<>();

        Probing(ManageClient client, ReportDraft report) {
            this.client = client;
            this.report = report;
        }

        /** Why the probe cannot be made: the record it needs is not readable, or there is none. */
        Optional<String> unavailable(Need need) {
            Anchor anchor = need.anchor();
            if (anchor == null) {
                return Optional.empty();
            }
            if (report.status("inquire:" + anchor.readThrough().id()) != Status.OK) {
                return Optional.of("not probed: it needs a record of " + anchor.path() + ", which inquire:"
                        + anchor.readThrough().id() + " would allow reading");
            }
            return firstId(anchor).isPresent() ? Optional.empty()
                    : Optional.of("not probed: there is no record of " + anchor.path() + " to probe with");
        }

        void probe(Need need) {
            Long anchorId = need.anchor() == null ? null : firstId(need.anchor()).orElseThrow();
            String how = anchorId == null ? need.how() : need.how().replace("{id}", anchorId.toString());
            report.probe(need.requirement().id(), how, () -> need.call().apply(client, anchorId));
        }

        private Optional<Long> firstId(Anchor anchor) {
            return firstIds.computeIfAbsent(anchor.path(), p -> report.call(
                    () -> client.firstPage(p, new ManageQuery(null, "id asc", "id", 1))).stream()
                    .findFirst().map(record -> record.path("id").asLong()));
        }
    }

    private static List<Need> needs() {
        List<Need> needs = new ArrayList<>();
        needs.add(count(SERVICE_TICKETS, "service/tickets"));
        needs.add(notCheckable("inquire", SERVICE_TICKETS_FINANCE));
        needs.add(notCheckable("inquire", CLOSE_SERVICE_TICKETS));
        needs.add(count(RESOURCE_SCHEDULING, "schedule/entries"));
        needs.add(notCheckable("inquire", MERGE_TICKETS));
        needs.add(notCheckable("inquire", SERVICE_TICKET_DEPENDENCIES));
        needs.add(notCheckable("inquire", CLOSE_PROJECT_TICKETS));
        needs.add(notCheckable("inquire", CLOSE_PROJECTS));
        needs.add(count(PROJECT_HEADERS, "project/projects"));
        needs.add(childCount(PROJECT_NOTES, PROJECT, "notes"));
        needs.add(notCheckable("inquire", PROJECT_PHASE));
        needs.add(count(PROJECT_TICKETS, "project/tickets"));
        needs.add(notCheckable("inquire", PROJECT_CONTACTS));
        needs.add(notCheckable("inquire", PROJECT_FINANCE));
        needs.add(notCheckable("inquire", PROJECT_MANAGEMENT));
        needs.add(notCheckable("inquire", PROJECT_REPORTS));
        needs.add(childCount(PROJECT_TEAMS, PROJECT, "teamMembers"));
        needs.add(notCheckable("inquire", PROJECT_TICKET_DEPENDENCIES));
        needs.add(notCheckable("inquire", PROJECT_TICKET_TASKS));
        needs.add(count(CONFIGURATIONS, "company/configurations"));
        needs.add(count(CONTACTS, "company/contacts"));
        needs.add(childCount(TEAM_MEMBERS, COMPANY, "teams"));
        needs.add(count(COMPANY_MAINTENANCE, "company/companies"));
        needs.add(new Need("inquire", MANAGE_ATTACHMENTS, "GET system/documents/count?recordType=Ticket&recordId={id}", TICKET,
                (client, ticketId) -> client.probeInquire("system/documents",
                        new QueryString().with("recordType", "Ticket").with("recordId", ticketId))));
        needs.add(notCheckable("inquire", COMPANY_MANAGEMENT));
        needs.add(childCount(COMPANY_NOTES, COMPANY, "notes"));
        needs.add(notCheckable("inquire", COMPANY_REPORTS));
        needs.add(count(TIME_ENTRY, "time/entries"));
        needs.add(notCheckable("inquire", TIME_ENTRY_BILLABLE_OPTION));
        needs.add(notCheckable("inquire", TIME_REPORTS));
        needs.add(count(MEMBER_MAINTENANCE, "system/members"));
        needs.add(count(TABLE_SETUP, "service/boards"));
        needs.add(new Need("inquire", MY_COMPANY, "GET system/myCompany/other?pageSize=1", null,
                (client, none) -> client.probeList("system/myCompany/other")));
        needs.add(count(AGREEMENTS, "finance/agreements"));
        needs.add(notCheckable("inquire", BILLING_VIEW_TIME));
        needs.add(count(PRODUCTS, "procurement/products"));

        addAndEdit(needs, CLOSE_SERVICE_TICKETS, null);
        addAndEdit(needs, SERVICE_TICKETS, "service/tickets");
        addAndEdit(needs, SERVICE_TICKET_DEPENDENCIES, null);
        addAndEdit(needs, MERGE_TICKETS, null);
        addAndEdit(needs, RESOURCE_SCHEDULING, "schedule/entries");
        addAndEdit(needs, CONTACTS, "company/contacts");
        needs.add(new Need("add", MANAGE_ATTACHMENTS, "POST system/documents {} (refused)", null,
                (client, none) -> client.probeAdd("system/documents")));
        needs.add(notCheckable("edit", MANAGE_ATTACHMENTS));
        addAndEdit(needs, TIME_ENTRY, "time/entries");
        addAndEdit(needs, TIME_ENTRY_BILLABLE_OPTION, null);
        addAndEdit(needs, BILLING_VIEW_TIME, null);
        addAndEdit(needs, CLOSE_PROJECT_TICKETS, null);
        addAndEdit(needs, CLOSE_PROJECTS, null);
        addAndEdit(needs, PROJECT_TICKET_DEPENDENCIES, null);
        addAndEdit(needs, PROJECT_TICKET_TASKS, null);
        addAndEdit(needs, PROJECT_TICKETS, "project/tickets");
        addAndEdit(needs, MY_COMPANY, null);

        needs.add(new Need("delete", RESOURCE_SCHEDULING, "DELETE schedule/entries/0 (refused)", null,
                (client, none) -> client.probeDelete("schedule/entries")));
        return List.copyOf(needs);
    }

    private static Need count(Entry entry, String path) {
        return new Need("inquire", entry, "GET " + path + "/count", null,
                (client, none) -> client.probeInquire(path, new QueryString()));
    }

    /** A child collection of the anchor's first record, e.g. a project's notes. */
    private static Need childCount(Entry entry, Anchor parent, String child) {
        return new Need("inquire", entry, "GET " + parent.path() + "/{id}/" + child + "/count", parent,
                (client, parentId) -> client.probeInquire(parent.path() + "/" + parentId + "/" + child, new QueryString()));
    }

    /** Add and edit of an entry: a refused POST and a refused PATCH of {@code path}, or not checkable without one. */
    private static void addAndEdit(List<Need> needs, Entry entry, String path) {
        if (path == null) {
            needs.add(notCheckable("add", entry));
            needs.add(notCheckable("edit", entry));
        } else {
            needs.add(new Need("add", entry, "POST " + path + " {} (refused)", null, (client, none) -> client.probeAdd(path)));
            needs.add(new Need("edit", entry, "PATCH " + path + "/0 [] (refused)", null, (client, none) -> client.probeEdit(path)));
        }
    }

    private static Need notCheckable(String level, Entry entry) {
        return new Need(level, entry, null, null, null);
    }

    private static Entry entry(String id, String module, String name) {
        return new Entry(id, module, name);
    }
}
