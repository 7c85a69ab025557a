package io.switchboard.sandbox.automate.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.data.SeedFacts;
import io.switchboard.sandbox.data.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The Automate server of the demo tenant: clients linked to Manage companies, locations, computers, tokens. */
@ApplicationScoped
public class AutomateService {
    public record Session(String user, Instant expires, Instant absoluteExpires) {
    }

    private final SandboxConfig config;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public AutomateService(SandboxConfig config) {
        this.config = config;
    }

    public Table table(String name) {
        return tables.get(name);
    }

    public void reset(SeedFacts facts) {
        Map<String, Table> t = new ConcurrentHashMap<>();
        for (String n : new String[] {"clients", "locations", "computers", "groups", "scripts", "contacts"}) {
            t.put(n, new Table(1, "Id"));
        }
        t.put("tickets", new Table(1, "TicketId"));
        SeedFacts.Scale scale = facts.scale();
        for (int c = 0; c < scale.companies(); c++) {
            SeedFacts.Company co = facts.company(c);
            ObjectNode client = Json.obj().put("Id", c + 1).put("Name", co.name()).put("Company", co.name())
                    .put("City", co.city()).put("State", co.state()).put("PhoneNumber", co.phone())
                    // The Automate-Manage link: ExternalId carries the Manage company record id.
                    .put("ExternalId", String.valueOf(250 + c));
            var locs = client.putArray("Locations");
            for (int l = 0; l < 2; l++) {
                ObjectNode loc = Json.obj().put("Id", c * 2 + l + 1).put("LocationId", c * 2 + l + 1)
                        .put("Name", l == 0 ? "HQ" : "Branch").<ObjectNode>set("Client", Json.obj().put("Id", c + 1)
                                .put("Name", co.name())).put("City", co.city()).put("ExternalId", 0).put("ProbeId", 0);
                t.get("locations").insert(loc);
                locs.add(Json.obj().put("Id", c * 2 + l + 1).put("Name", loc.get("Name").asText()));
            }
            t.get("clients").insert(client);
            for (int n = 0; n < scale.contactsPerCompany(); n++) {
                SeedFacts.Person p = facts.contact(c, n);
                t.get("contacts").insert(Json.obj().put("Id", c * scale.contactsPerCompany() + n + 1)
                        .<ObjectNode>set("Client", Json.obj().put("Id", c + 1).put("Name", co.name()))
                        .<ObjectNode>set("Location", Json.obj().put("Id", c * 2 + 1).put("Name", "HQ"))
                        .put("FirstName", p.first()).put("LastName", p.last()).put("City", co.city())
                        .put("State", co.state()).put("PhoneNumber", co.phone()).put("MobileNumber", "")
                        .put("Email", p.email(co.identifier().toLowerCase() + ".example")).put("ExternalId", "")
                        .put("CreatedDate", SeedFacts.EPOCH.minus(800 - c % 700, ChronoUnit.DAYS).toString()));
            }
        }
        for (int i = 0; i < scale.computers(); i++) {
            SeedFacts.Computer pc = facts.computer(i);
            SeedFacts.Company co = facts.company(pc.company());
            String last = pc.lastContact().toString();
            t.get("computers").insert(Json.obj().put("Id", i + 1).put("ComputerName", pc.name()).put("FriendlyName", "")
                    .<ObjectNode>set("Client", Json.obj().put("Id", pc.company() + 1).put("Name", co.name()))
                    .<ObjectNode>set("Location", Json.obj().put("Id", pc.company() * 2 + pc.location() + 1)
                            .put("Name", pc.location() == 0 ? "HQ" : "Branch"))
                    .put("OperatingSystemName", pc.os()).put("DomainName", co.identifier().toUpperCase())
                    .put("Type", pc.server() ? "Server" : "Workstation").put("Status", pc.online() ? "Online" : "Offline")
                    .put("RemoteAgentLastContact", last).put("LastHeartbeat", last).put("RemoteAgentVersion", "2024.4.152")
                    .put("SerialNumber", pc.serial()).put("LocalIPAddress", "10.0." + (i / 250 % 256) + "." + (i % 250 + 2))
                    .put("DateAdded", pc.lastContact().minus(400, ChronoUnit.DAYS).toString())
                    .put("IsVirtualMachine", pc.server()).put("IsMaintenanceModeEnabled", false)
                    .put("IsRebootNeeded", false).put("UTCOffset", -18000));
        }
        // the monitors open a ticket for every offline server
        for (int i = 0; i < scale.computers(); i++) {
            SeedFacts.Computer pc = facts.computer(i);
            if (pc.server() && !pc.online()) {
                SeedFacts.Company co = facts.company(pc.company());
                String at = pc.lastContact().plus(5, ChronoUnit.MINUTES).toString();
                t.get("tickets").insert(Json.obj().put("TicketId", t.get("tickets").size() + 1)
                        .<ObjectNode>set("Client", Json.obj().put("Id", pc.company() + 1).put("Name", co.name()))
                        .<ObjectNode>set("Computer", Json.obj().put("Id", i + 1).put("ComputerName", pc.name()))
                        .<ObjectNode>set("Location", Json.obj().put("Id", pc.company() * 2 + pc.location() + 1)
                                .put("Name", pc.location() == 0 ? "HQ" : "Branch"))
                        .<ObjectNode>set("Status", Json.obj().put("Id", 1).put("Name", "New"))
                        .<ObjectNode>set("Priority", Json.obj().put("Id", 2).put("Name", "High"))
                        .put("Subject", "Agent offline: " + pc.name()).put("From", "monitoring@demo-msp.example")
                        .put("StartDate", at).put("UpdateDate", at).put("SupportLevel", 1).put("CategoryId", 0)
                        .put("CategoryName", "Monitoring").put("ExternalId", 0).put("MonitorId", 5)
                        .put("Guid", UUID.nameUUIDFromBytes(("ticket " + i).getBytes(StandardCharsets.UTF_8)).toString()));
            }
        }
        String[] groups = {"All Agents", "Servers", "Workstations", "Patching Pilot"};
        for (int g = 0; g < groups.length; g++) {
            t.get("groups").insert(Json.obj().put("Id", g + 1).put("ParentId", g == 0 ? 0 : 1).put("Name", groups[g])
                    .put("FullName", g == 0 ? groups[0] : groups[0] + "." + groups[g]).put("Depth", g == 0 ? 0 : 1));
        }
        String[] scripts = {"Reboot Computer", "Clear Print Spooler", "Disk Cleanup", "Install Windows Updates"};
        for (int s = 0; s < scripts.length; s++) {
            t.get("scripts").insert(Json.obj().put("Id", 6000 + s).put("Name", scripts[s]).put("IsComputerScript", true)
                    .put("IsLocationScript", false).put("FullFolderPath", "Maintenance").put("Version", 3));
        }
        sessions.clear();
        tables.clear();
        tables.putAll(t);
    }

    public ObjectNode issue(String user) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Instant now = Instant.now();
        Session s = new Session(user, now.plus(config.automate().tokenTtl()), now.plus(config.automate().absoluteTokenTtl()));
        sessions.put(token, s);
        return Json.obj().put("AccessToken", token).put("TokenType", "Bearer").put("ExpirationDate", s.expires().toString())
                .put("AbsoluteExpirationDate", s.absoluteExpires().toString()).put("UserId", user.equals(config.automate().username()) ? "42" : "43")
                .put("InternalUserName", user).put("IsTwoFactorRequired", false).put("IsInternalTwoFactorRequired", false)
                .putNull("SSOAccessToken");
    }

    /** The user of a live token, or null. */
    public Session session(String token) {
        Session s = token == null ? null : sessions.get(token);
        return s != null && s.expires().isAfter(Instant.now()) ? s : null;
    }

    /** A new token for a live one (the old one stops working), or null when it is expired or unknown. */
    public ObjectNode refresh(String token) {
        Session s = session(token);
        if (s == null) {
            return null;
        }
        sessions.remove(token);
        return issue(s.user());
    }
}
