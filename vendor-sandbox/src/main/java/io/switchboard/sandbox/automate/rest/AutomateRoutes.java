package io.switchboard.sandbox.automate.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.automate.service.AutomateService;
import io.switchboard.sandbox.automate.service.Totp;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.control.Permissions;
import io.switchboard.sandbox.control.Fault;
import io.switchboard.sandbox.control.Faults;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.query.Conditions;
import io.switchboard.sandbox.query.Values;
import io.switchboard.sandbox.web.Http;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** ConnectWise Automate REST under /cwa/api/v1: token issue with TOTP 2FA, and the inventory lists. */
@ApplicationScoped
public class AutomateRoutes {
    /** A list endpoint: its id key, the user-class right that reads it, the area of its Create right and the field a
     * create needs. */
    private record ListDef(String idKey, String read, String area, String required) {
    }

    /** Read rights from the permission catalogue; Groups are readable with Groups:Update (seed 000 has no Read). */
    private static final Map<String, ListDef> LISTS = Map.of(
            "clients", new ListDef("Id", "Clients:Read", "Clients", "Name"),
            "contacts", new ListDef("Id", "Contacts:Read", "Contacts", "LastName"),
            "locations", new ListDef("Id", "ClientLevel.Locations:Read", "Locations", "Name"),
            "computers", new ListDef("Id", "Computers.ShowAll:Access", "Computers", "ComputerName"),
            "groups", new ListDef("Id", "Groups:Update", "Groups", "Name"),
            "scripts", new ListDef("Id", "Scripts:Read", "Scripts", "Name"),
            "tickets", new ListDef("TicketId", "Tickets:Read", "Tickets", "Subject"));

    private final AutomateService service;
    private final Faults faults;
    private final SandboxConfig config;

    private final Permissions permissions;

    public AutomateRoutes(AutomateService service, Faults faults, SandboxConfig config, Permissions permissions) {
        this.permissions = permissions;
        this.service = service;
        this.faults = faults;
        this.config = config;
    }

    void register(@Observes Router router) {
        router.routeWithRegex("(?i)/cwa/api/v1(/.*)?").handler(BodyHandler.create()).handler(this::handle);
    }

    private static void message(RoutingContext ctx, int status, String msg) {
        Http.json(ctx, status, Json.obj().put("Message", msg));
    }

    private void handle(RoutingContext ctx) {
        List<String> seg = Arrays.stream(ctx.request().path().split("/")).filter(s -> !s.isEmpty()).skip(3)
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        try {
            if (!seg.isEmpty() && seg.get(0).equals("apitoken")) {
                token(ctx, seg);
                return;
            }
            if (!config.automate().clientId().equalsIgnoreCase(String.valueOf(ctx.request().getHeader("clientId")))) {
                message(ctx, 401, "A registered clientId header is required.");
                return;
            }
            String auth = String.valueOf(ctx.request().getHeader("Authorization"));
            AutomateService.Session session = auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? service.session(auth.substring(7).trim()) : null;
            if (session == null) {
                message(ctx, 401, "Authorization has been denied for this request.");
                return;
            }
            Fault fault = faults.lookup("automate", seg.isEmpty() ? "" : seg.get(0));
            faults.apply(ctx, fault, 0,
                    () -> message(ctx, 429, "Too many requests (injected fault)."),
                    () -> message(ctx, 500, "An error has occurred (injected fault)."),
                    () -> {
                        try {
                            list(ctx, seg);
                        } catch (IllegalArgumentException e) {
                            message(ctx, 400, e.getMessage());
                        }
                    });
        } catch (IllegalArgumentException e) {
            message(ctx, 400, e.getMessage());
        }
    }

    private void token(RoutingContext ctx, List<String> seg) {
        if (ctx.request().method() != HttpMethod.POST) {
            Http.json(ctx, 200, Json.obj().put("AllowDirect", true).put("AllowServiceRegistration", false)
                    .putNull("AutomateRedirectUri").set("Services", Json.arr()));
            return;
        }
        if (seg.size() == 2 && seg.get(1).equals("refresh")) {
            JsonNode body = Http.body(ctx);
            ObjectNode fresh = body == null ? null : service.refresh(body.asText());
            if (fresh == null) {
                message(ctx, 401, "Authorization has been denied for this request.");
            } else {
                Http.json(ctx, 200, fresh);
            }
            return;
        }
        JsonNode body = Http.body(ctx);
        String user = Values.text(Json.getIgnoreCase(body, "UserName"));
        String password = Values.text(Json.getIgnoreCase(body, "Password"));
        String code = Values.text(Json.getIgnoreCase(body, "TwoFactorPasscode"));
        SandboxConfig.Automate a = config.automate();
        if (a.username().equalsIgnoreCase(user) && a.password().equals(password)) {
            Http.json(ctx, 200, service.issue(a.username()));
        } else if (a.mfaUsername().equalsIgnoreCase(user) && a.mfaPassword().equals(password)) {
            if (code == null || code.isBlank()) {
                Http.json(ctx, 200, Json.obj().putNull("AccessToken").putNull("TokenType").putNull("ExpirationDate")
                        .putNull("AbsoluteExpirationDate").putNull("UserId").put("InternalUserName", a.mfaUsername())
                        .put("IsTwoFactorRequired", true).put("IsInternalTwoFactorRequired", false).putNull("SSOAccessToken"));
            } else if (Totp.verify(a.totpSecret(), code.trim(), Instant.now().getEpochSecond())) {
                Http.json(ctx, 200, service.issue(a.mfaUsername()));
            } else {
                message(ctx, 401, "The two-factor passcode is invalid.");
            }
        } else {
            message(ctx, 401, "Invalid username or password.");
        }
    }

    /** Query parameters keyed by lower-case name without the "options." prefix the spec uses. */
    private static Map<String, List<String>> params(RoutingContext ctx) {
        Map<String, List<String>> p = new HashMap<>();
        for (var e : ctx.queryParams()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            k = k.startsWith("options.") ? k.substring(8) : k;
            p.computeIfAbsent(k.replace("[]", ""), x -> new ArrayList<>()).add(e.getValue());
        }
        return p;
    }

    private static String one(Map<String, List<String>> p, String... names) {
        for (String n : names) {
            if (p.containsKey(n)) {
                return p.get(n).get(0);
            }
        }
        return null;
    }

    private static Set<String> many(Map<String, List<String>> p, String name) {
        Set<String> out = new HashSet<>();
        p.getOrDefault(name, List.of()).forEach(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).forEach(s -> out.add(s.toLowerCase(Locale.ROOT))));
        return out;
    }

    /**
     * POST on a list (e.g. a new Group): needs the user class's Create right on that area; answers 200 with the
     * stored record and its new Id (the status code of a real server is unconfirmed).
     */
    private void create(RoutingContext ctx, String table, ListDef def) {
        String right = def.area() + ":Create";
        if (!permissions.grants(Permissions.AUTOMATE, right)) {
            denied(ctx, right);
            return;
        }
        JsonNode body = Http.body(ctx);
        if (body == null || !body.isObject() || Values.text(Json.getIgnoreCase(body, def.required())) == null) {
            message(ctx, 400, "The request is invalid: a " + def.required() + " is required.");
            return;
        }
        ObjectNode row = ((ObjectNode) body).deepCopy();
        row.remove(def.idKey());
        Http.json(ctx, 200, service.table(table).insert(row));
    }

    private static void denied(RoutingContext ctx, String right) {
        message(ctx, 403, "The user class does not grant " + right.replace(':', ' ') + ".");
    }

    private void list(RoutingContext ctx, List<String> seg) {
        String table = seg.isEmpty() ? null : seg.get(0);
        ListDef def = table == null ? null : LISTS.get(table);
        boolean create = ctx.request().method() == HttpMethod.POST && seg.size() == 1;
        if (def == null || seg.size() > 2 || (ctx.request().method() != HttpMethod.GET && !create)) {
            message(ctx, 404, "No HTTP resource was found that matches the request URI '" + ctx.request().uri() + "'.");
            return;
        }
        if (create) {
            create(ctx, table, def);
            return;
        }
        if (!permissions.grants(Permissions.AUTOMATE, def.read())) {
            denied(ctx, def.read());
            return;
        }
        if (seg.size() == 2) {
            ObjectNode rec;
            try {
                rec = service.table(table).get(Long.parseLong(seg.get(1)));
            } catch (NumberFormatException e) {
                rec = null;
            }
            if (rec == null) {
                message(ctx, 404, "The requested item was not found.");
            } else {
                Http.json(ctx, 200, rec);
            }
            return;
        }
        Map<String, List<String>> p = params(ctx);
        Predicate<JsonNode> cond = Conditions.parse(one(p, "condition"), '.', x -> x);
        Set<String> ids = many(p, "ids");
        int pageSize = Integer.parseInt(String.valueOf(one(p, "pagesize") == null ? config.automate().defaultPageSize() : one(p, "pagesize")));
        int page = Math.max(1, Integer.parseInt(String.valueOf(one(p, "page") == null ? 1 : one(p, "page"))));
        String orderBy = one(p, "orderby", "orderby.name");
        if (orderBy != null && one(p, "orderby.type") != null) {
            orderBy += one(p, "orderby.type").toLowerCase(Locale.ROOT).startsWith("desc") ? " desc" : " asc";
        }
        Comparator<ObjectNode> cmp = Comparator.comparingLong(r -> r.path(def.idKey()).asLong());
        if (orderBy != null && !orderBy.isBlank()) {
            Comparator<ObjectNode> chain = null;
            for (String part : orderBy.split(",")) {
                String[] w = part.trim().split("\\s+");
                String[] path = w[0].split("\\.");
                Comparator<ObjectNode> c = Comparator.comparing(r -> String.valueOf(Values.text(Json.path(r, path))),
                        String.CASE_INSENSITIVE_ORDER);
                c = w.length > 1 && w[1].toLowerCase(Locale.ROOT).startsWith("desc") ? c.reversed() : c;
                chain = chain == null ? c : chain.thenComparing(c);
            }
            cmp = chain.thenComparing(cmp);
        }
        Set<String> include = many(p, "includefields");
        Set<String> exclude = many(p, "excludefields");
        ArrayNode out = Json.arr();
        String idKey = def.idKey().toLowerCase(Locale.ROOT);
        service.table(table).all().stream()
                .filter(r -> ids.isEmpty() || ids.contains(r.path(def.idKey()).asText().toLowerCase(Locale.ROOT)))
                .filter(cond::test).sorted(cmp).skip((long) (page - 1) * pageSize).limit(pageSize)
                .forEach(r -> {
                    if (include.isEmpty() && exclude.isEmpty()) {
                        out.add(r);
                        return;
                    }
                    ObjectNode o = Json.obj();
                    r.properties().forEach(e -> {
                        String k = e.getKey().toLowerCase(Locale.ROOT);
                        if ((include.isEmpty() || include.contains(k) || k.equals(idKey)) && !exclude.contains(k)) {
                            o.set(e.getKey(), e.getValue());
                        }
                    });
                    out.add(o);
                });
        Http.json(ctx, 200, out);
    }
}
