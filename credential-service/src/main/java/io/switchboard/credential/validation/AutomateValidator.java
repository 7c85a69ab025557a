package io.switchboard.credential.validation;

import io.switchboard.connectors.automate.AutomateClient;
import io.switchboard.connectors.automate.AutomateCredentials;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.contracts.Vendor;
import io.switchboard.credential.config.CredentialsConfig;
import io.switchboard.credential.security.UrlPolicy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ConnectWise Automate (seeds 000 and 004): sign-in as an integrator (password only) or with a TOTP code, then the
 * user class's read rights that a list shows (a page of one each). Writes are never probed: an RMM write can run
 * something on a computer.
 */
@Singleton
public class AutomateValidator extends VendorValidator {

    private static final String NOT_CHECKABLE = "no read-only API call exercises this right (Automate writes are never "
            + "probed: an RMM write can run something)";

    /** Read rights and the list that shows them. */
    private static final Map<String, String> READ_PROBES = Map.of(
            "Clients:Read", "Clients",
            "Contacts:Read", "Contacts",
            "Computers.ShowAll:Access", "Computers",
            "ClientLevel.Locations:Read", "Locations",
            "Scripts:Read", "Scripts",
            "Tickets:Read", "Tickets");

    /** The guide's tables: Core tab, client level, default computer permissions. */
    private static final List<Requirement> REQUIRED = Stream.of(
            section("Core",
                    "AgentTemplates:Read", "Agent Templates", "Alerts:Update", "Alerts",
                    "Clients:Read", "Clients", "Clients:Update", "Clients", "Clients:Delete", "Clients",
                    "Clients.ShowHidePasswords:Access", "Clients → Show/Hide Passwords",
                    "Clients.ShowAll:Access", "Clients → Show All",
                    "Contacts:Read", "Contacts", "Contacts:Update", "Contacts", "Contacts:Delete", "Contacts",
                    "Computers.ForceUpdate:Access", "Computers → Force Update",
                    "Computers.RetiredAssets:Delete", "Computers → Retired Assets",
                    "Computers.ShowAll:Access", "Computers → Show All",
                    "Groups:Create", "Groups", "Groups:Update", "Groups", "Groups:Delete", "Groups",
                    "Groups.ScheduledScripts:Update", "Groups → Scheduled Scripts",
                    "Locations.ShowAll:Access", "Locations → Show All",
                    "PatchManager:Read", "Patch Manager", "PatchManager:Update", "Patch Manager",
                    "Scripts:Read", "Scripts", "Scripts:Update", "Scripts", "Scripts:Delete", "Scripts",
                    "Scripts.ScheduleScripts:Update", "Scripts → Schedule Scripts",
                    "Searches.SendCommands:Access", "Searches → Send Commands",
                    "Tickets:Create", "Tickets", "Tickets:Read", "Tickets", "Tickets:Update", "Tickets",
                    "Tickets:Delete", "Tickets", "Tickets.TicketRequests:Access", "Tickets → Ticket Requests"),
            section("Client level",
                    "ClientLevel.Locations:Read", "Locations", "ClientLevel.Locations:Edit", "Locations",
                    "ClientLevel.Locations:Delete", "Locations", "ClientLevel.Projects:Read", "Projects",
                    "ClientLevel.ProductKeys:Read", "Product Keys", "ClientLevel.Documents:Read", "Documents",
                    "ClientLevel.Passwords:Read", "Passwords"),
            section("Computer default",
                    "Computer.CommandPrompt:Access", "Command Prompt", "Computer.SoftwareAndTools:Install", "Software and Tools",
                    "Computer.History:Access", "History", "Computer.Commands:View", "Commands",
                    "Computer.Commands:Send", "Commands", "Computer.Scripts:Schedule", "Scripts",
                    "Computer.Information:Edit", "Information", "Computer.Alerts:Clear", "Alerts",
                    "Computer.ScheduledScripts:Delete", "Scheduled Scripts"))
            .flatMap(List::stream).toList();

    private final VendorHttp http;

    public AutomateValidator(VendorHttp http, UrlPolicy urlPolicy, CredentialsConfig config) {
        super(urlPolicy, config);
        this.http = http;
    }

    @Override
    public Vendor vendor() {
        return Vendor.CONNECTWISE_AUTOMATE;
    }

    @Override
    List<Requirement> required() {
        return REQUIRED;
    }

    @Override
    void check(Map<String, String> settings, Map<String, String> secrets, ReportDraft report) {
        AutomateClient client = new AutomateClient(http, new AutomateCredentials(guarded("the Automate server", settings.get("serverUrl")),
                settings.get("username"), secrets.get("password"), settings.get("clientId"), secrets.get("totpSecret")),
                Clock.systemUTC());
        AutomateClient.SignIn signIn = report.call(client::login);
        report.discovered("signIn", signIn.twoFactor() ? "totp" : "integrator");
        report.discovered("userName", signIn.userName());
        report.discovered("userId", signIn.userId());
        for (Requirement requirement : REQUIRED) {
            String list = READ_PROBES.get(requirement.id());
            if (list == null) {
                report.notCheckable(requirement.id(), null, NOT_CHECKABLE, null);
            } else {
                report.probe(requirement.id(), "GET " + list + "?pagesize=1", () -> client.probeRead(list));
            }
        }
    }

    /** Pairs of id and entry name; label = "section › entry (right)", as the guide's tables read. */
    private static List<Requirement> section(String section, String... idsAndEntries) {
        List<Requirement> requirements = new ArrayList<>();
        for (int i = 0; i < idsAndEntries.length; i += 2) {
            String id = idsAndEntries[i];
            String right = id.substring(id.indexOf(':') + 1);
            requirements.add(new Requirement(id, section + " › " + idsAndEntries[i + 1] + " (" + right + ")"));
        }
        return requirements;
    }
}
