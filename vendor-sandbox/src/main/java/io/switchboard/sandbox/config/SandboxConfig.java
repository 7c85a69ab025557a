package io.switchboard.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every switch of the sandbox; defaults are the demo tenant and the behaviour chosen for unconfirmed vendor facts. */
@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /** Seed of the deterministic data generator: same seed and scale, same data. */
    @WithDefault("42")
    long seed();

    /** small | medium | large (large = 100k tickets, 10k companies, 50k computers). */
    @WithDefault("small")
    String scale();

    Autotask autotask();

    Manage manage();

    Automate automate();

    Delivery delivery();

    Tls tls();

    /** How long a request hit by an injected "timeout" fault is held before the connection is reset. */
    @WithDefault("60s")
    Duration timeoutFaultHold();

    interface Autotask {
        @WithDefault("api.switchboard@sandbox.example")
        String username();

        @WithDefault("sandbox-secret-Aut0task")
        String secret();

        /** 27 characters like a real tracking identifier. */
        @WithDefault("SWITCHBOARDSANDBOXCODE00001")
        String integrationCode();

        /** Further tracking identifiers valid on the same database (they share the hourly budget). */
        @WithDefault("SWITCHBOARDSECONDARYCODE002")
        List<String> otherIntegrationCodes();

        @WithDefault("29682800")
        long apiResourceId();

        /** The regular (non-API) user the platform impersonates for notes and time entries. */
        @WithDefault("29682801")
        long impersonationResourceId();

        @WithDefault("America West 2")
        String zoneName();

        @WithDefault("512345")
        int ci();

        @WithDefault("10000")
        int hourlyThreshold();

        @WithDefault("3")
        int threadLimit();

        /** Adds 0.5 s above 50 % and 1 s above 75 % of the hourly threshold. */
        @WithDefault("true")
        boolean latencyBands();

        /** Security level areas of the API user: seed 003 ("Neo API User") plus Webhooks (permission catalogue ids). */
        @WithDefault("Resources,Companies,ServiceDesk,Projects,Sales,Products,ConfigurationItems,Contracts,Tagging,Webhooks")
        Set<String> permissions();

        /** Resource Impersonation section of the API user's security level (seed 003). */
        @WithDefault("Tickets,TicketNotes,ServiceCalls,Attachments,TimeEntries")
        Set<String> impersonation();

        @WithDefault("5")
        int maxWebhooks();

        /** Unconfirmed casing of the person key in callouts: PersonID (n8n) or PersonId (Nango fixtures). */
        @WithDefault("PersonID")
        String personIdKey();

        /** Unconfirmed: 401 body on bad user/secret; empty by default, as sometimes observed. */
        @WithDefault("false")
        boolean unauthorizedBody();

        /** Unconfirmed: status for a missing entity permission (403, sometimes 500). */
        @WithDefault("403")
        int permissionStatus();

        /** Unconfirmed: get by unknown id answers 404 (true) or 200 {"item":null} (false). */
        @WithDefault("true")
        boolean notFound404();
    }

    interface Manage {
        @WithDefault("switchboard_demo")
        String companyId();

        @WithDefault("SbPublicKey0001")
        String publicKey();

        @WithDefault("SbPrivateKey0001")
        String privateKey();

        @WithDefault("7c6a4d1e-2f8b-4b1a-9d3e-5a6b7c8d9e01")
        String clientId();

        @WithDefault("switchboard_api")
        String apiMemberIdentifier();

        @WithDefault("v2025_1/")
        String codebase();

        @WithDefault("25")
        int defaultPageSize();

        @WithDefault("1000")
        int maxPageSize();

        /**
         * Security role of the API member: seed 001 ("Neo") as level:Entry, the ids of the permission catalogue
         * (no commas inside an id: SmallRye splits list defaults on them).
         */
        @WithDefault("inquire:ServiceTickets,inquire:ServiceTicketsFinance,inquire:CloseServiceTickets,"
                + "inquire:ResourceScheduling,inquire:MergeTickets,inquire:ServiceTicketDependencies,"
                + "inquire:CloseProjectTickets,inquire:CloseProjects,inquire:ProjectHeaders,inquire:ProjectNotes,"
                + "inquire:ProjectPhase,inquire:ProjectTickets,inquire:ProjectContacts,inquire:ProjectFinance,"
                + "inquire:ProjectManagement,inquire:ProjectReports,inquire:ProjectTeams,inquire:ProjectTicketDependencies,"
                + "inquire:ProjectTicketTasks,inquire:Configurations,inquire:Contacts,inquire:TeamMembers,"
                + "inquire:CompanyMaintenance,inquire:ManageAttachments,inquire:CompanyManagement,inquire:CompanyNotes,"
                + "inquire:CompanyReports,inquire:TimeEntry,inquire:TimeEntryBillableOption,inquire:TimeReports,"
                + "inquire:MemberMaintenance,inquire:TableSetup,inquire:MyCompany,inquire:Agreements,"
                + "inquire:BillingViewTime,inquire:Products,"
                + "add:CloseServiceTickets,add:ServiceTickets,add:ServiceTicketDependencies,add:MergeTickets,"
                + "add:ResourceScheduling,add:Contacts,add:ManageAttachments,add:TimeEntry,add:TimeEntryBillableOption,"
                + "add:BillingViewTime,add:CloseProjectTickets,add:CloseProjects,add:ProjectTicketDependencies,"
                + "add:ProjectTicketTasks,add:ProjectTickets,add:MyCompany,"
                + "edit:CloseServiceTickets,edit:ServiceTickets,edit:ServiceTicketDependencies,edit:MergeTickets,"
                + "edit:ResourceScheduling,edit:Contacts,edit:ManageAttachments,edit:TimeEntry,"
                + "edit:TimeEntryBillableOption,edit:BillingViewTime,edit:CloseProjectTickets,edit:CloseProjects,"
                + "edit:ProjectTicketDependencies,edit:ProjectTicketTasks,edit:ProjectTickets,edit:MyCompany,"
                + "delete:ResourceScheduling")
        Set<String> permissions();
    }

    interface Automate {
        /** Integrator user (seed 000): password only, no 2FA. */
        @WithDefault("switchboard_integrator")
        String username();

        @WithDefault("sandbox-Automate-pass1")
        String password();

        @WithDefault("1f0e9d8c-7b6a-4c5d-8e4f-3a2b1c0d9e8f")
        String clientId();

        /** Non-integrator user enrolled in Google MFA (seed 004): needs a TOTP code. */
        @WithDefault("immy_tech")
        String mfaUsername();

        @WithDefault("sandbox-Automate-pass2")
        String mfaPassword();

        /** Base32 TOTP secret of the MFA user. */
        @WithDefault("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        String totpSecret();

        @WithDefault("1h")
        Duration tokenTtl();

        @WithDefault("24h")
        Duration absoluteTokenTtl();

        /** Unconfirmed default page size (ImmyBot's "more than 50" fix hints 50). */
        @WithDefault("50")
        int defaultPageSize();

        /** User class: seed 000 ("Neo Automation") as Area:Right, the ids of the permission catalogue. */
        @WithDefault("AgentTemplates:Read,Alerts:Update,Clients:Read,Clients:Update,Clients:Delete,"
                + "Clients.ShowHidePasswords:Access,Clients.ShowAll:Access,Contacts:Read,Contacts:Update,Contacts:Delete,"
                + "Computers.ForceUpdate:Access,Computers.RetiredAssets:Delete,Computers.ShowAll:Access,Groups:Create,"
                + "Groups:Update,Groups:Delete,Groups.ScheduledScripts:Update,Locations.ShowAll:Access,PatchManager:Read,"
                + "PatchManager:Update,Scripts:Read,Scripts:Update,Scripts:Delete,Scripts.ScheduleScripts:Update,"
                + "Searches.SendCommands:Access,Tickets:Create,Tickets:Read,Tickets:Update,Tickets:Delete,"
                + "Tickets.TicketRequests:Access,"
                + "ClientLevel.Locations:Read,ClientLevel.Locations:Edit,ClientLevel.Locations:Delete,"
                + "ClientLevel.Projects:Read,ClientLevel.ProductKeys:Read,ClientLevel.Documents:Read,"
                + "ClientLevel.Passwords:Read,"
                + "Computer.CommandPrompt:Access,Computer.SoftwareAndTools:Install,Computer.History:Access,"
                + "Computer.Commands:View,Computer.Commands:Send,Computer.Scripts:Schedule,Computer.Information:Edit,"
                + "Computer.Alerts:Clear,Computer.ScheduledScripts:Delete")
        Set<String> permissions();
    }

    interface Delivery {
        @WithDefault("10s")
        Duration timeout();

        /** Autotask waits 30 s between tries; tests shorten this. */
        @WithDefault("30s")
        Duration retryDelay();

        @WithDefault("5")
        int maxAttempts();

        @WithDefault("25")
        int deactivateAfterFailures();
    }

    interface Tls {
        @WithDefault("true")
        boolean enabled();

        /** 0 = any free port (reported by /_sandbox/tls). */
        @WithDefault("8443")
        int port();

        /** Where the generated keystore and CA PEM are written; default: a temp directory. */
        Optional<String> dir();
    }
}
