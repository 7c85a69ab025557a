package io.switchboard.sandbox.manage.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.control.Permissions;
import io.switchboard.sandbox.control.Fault;
import io.switchboard.sandbox.control.Faults;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.manage.service.ManageCallbacks;
import io.switchboard.sandbox.manage.service.ManageException;
import io.switchboard.sandbox.manage.service.ManageService;
import io.switchboard.sandbox.query.Conditions;
import io.switchboard.sandbox.query.Values;
import io.switchboard.sandbox.web.Http;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** ConnectWise Manage REST 3.0 under /v4_6_release/apis/3.0 and the tenant codebase path, plus companyinfo and key_url. */
@ApplicationScoped
public class ManageRoutes {
    private final ManageService service;
    private final ManageCallbacks callbacks;
    private final Faults faults;
    private final SandboxConfig config;

    private final Permissions permissions;

    public ManageRoutes(ManageService service, ManageCallbacks callbacks, Faults faults, SandboxConfig config,
                        Permissions permissions) {
        this.permissions = permissions;
        this.service = service;
        this.callbacks = callbacks;
        this.faults = faults;
        this.config = config;
    }

    /** Where a path lands: table, security-role entry, the parent of a child route (or null), and what follows. */
    private record Target(String table, String permission, ManageService.Parent parent, List<String> rest) {
        Predicate<ObjectNode> inParent() {
            if (parent == null) {
                return r -> true;
            }
            String[] path = parent.path().split("/");
            return r -> {
                JsonNode v = Json.path(r, path);
                return v != null && v.asLong() == parent.id();
            };
        }
    }

    /** A child collection under /{parent}/{id}/{segment}: its table, role entry and where it points at the parent. */
    private record Child(String table, String permission, String parentPath) {
    }

    void register(@Observes Router router) {
        router.routeWithRegex("(?i)/login/companyinfo/([^/]+)").handler(this::companyInfo);
        router.routeWithRegex("(?i)/v[0-9_]+(_release)?/+system/callbackkey/index\\.rails").handler(ctx -> {
            String key = callbacks.signingKey(ctx.request().getParam("id"));
            if (key == null) {
                Http.empty(ctx, 404);
            } else {
                Http.send(ctx, 200, "text/plain; charset=utf-8",
                        Json.bytes(Json.obj().put("signing_key", key)));
            }
        });
        router.routeWithRegex("(?i)/v[0-9_]+(_release)?/+apis/3\\.0(/.*)?").handler(BodyHandler.create()).handler(this::handle);
    }

    private void companyInfo(RoutingContext ctx) {
        String co = ctx.pathParam("param0");
        if (!config.manage().companyId().equalsIgnoreCase(co)) {
            Http.send(ctx, 200, "application/json; charset=utf-8", "null".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String cb = config.manage().codebase();
        Http.json(ctx, 200, Json.obj().put("CompanyName", "Switchboard Demo MSP").put("Codebase", cb)
                .put("VersionCode", cb.replace("_", ".").replace("/", "")).put("VersionNumber", "v4.6.10234")
                .put("CompanyID", config.manage().companyId()).put("IsCloud", true)
                .put("SiteUrl", ctx.request().getHeader("Host")));
    }

    private static void error(RoutingContext ctx, ManageException e) {
        Http.json(ctx, e.status(), e.body());
    }

    /** The member the request authenticates as, or a 401. */
    private String authenticate(RoutingContext ctx) {
        String clientId = ctx.request().getHeader("clientId");
        if (clientId == null || clientId.isBlank()) {
            throw new ManageException(401, "Unauthorized", "A clientId header is required. Register an integration "
                    + "at developer.connectwise.com to obtain one.");
        }
        String auth = ctx.request().getHeader("Authorization");
        String decoded = "";
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ignored) {
                decoded = "";
            }
        }
        int plus = decoded.indexOf('+');
        int colon = decoded.indexOf(':');
        if (plus > 0 && colon > plus && decoded.substring(0, plus).equalsIgnoreCase(config.manage().companyId())) {
            String pub = decoded.substring(plus + 1, colon);
            String priv = decoded.substring(colon + 1);
            if (pub.equals(config.manage().publicKey()) && priv.equals(config.manage().privateKey())) {
                return config.manage().apiMemberIdentifier();
            }
            ManageService.Token t = service.tokens().get(pub);
            if (t != null && t.privateKey().equals(priv) && t.expiration().isAfter(Instant.now())) {
                return t.member();
            }
        }
        throw new ManageException(401, "Unauthorized", "Unauthorized");
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        int at = path.toLowerCase(Locale.ROOT).indexOf("apis/3.0");
        List<String> seg = Arrays.stream(path.substring(at + 8).split("/")).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        try {
            String member = authenticate(ctx);
            Fault fault = faults.lookup("manage", seg.isEmpty() ? "" : String.join("/", seg.subList(0, Math.min(2, seg.size()))));
            // request ids need no cryptographic randomness; SecureRandom would serialise the event loops
            java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
            ctx.response().putHeader("api-current-version", "2025.8")
                    .putHeader("x-cw-request-id", new UUID(rnd.nextLong(), rnd.nextLong()).toString());
            faults.apply(ctx, fault, 0,
                    () -> {
                        ctx.response().putHeader("Retry-After", "5");
                        error(ctx, new ManageException(429, "TooManyRequests", "Too many requests. Retry later."));
                    },
                    () -> error(ctx, new ManageException(500, "ConnectWiseApi", "An error occurred (injected fault).")),
                    () -> {
                        try {
                            dispatch(ctx, seg, member);
                        } catch (ManageException e) {
                            error(ctx, e);
                        } catch (IllegalArgumentException e) {
                            error(ctx, new ManageException(400, "InvalidObject", e.getMessage()));
                        }
                    });
        } catch (ManageException e) {
            error(ctx, e);
        }
    }

    /** The security-role entry (level:Entry ids of the permission catalogue) that gates each endpoint. */
    private static Target target(List<String> s) {
        String head = s.size() >= 2 ? s.get(0) + "/" + s.get(1) : "";
        List<String> rest = s.size() > 2 ? s.subList(2, s.size()) : List.of();
        return switch (head) {
            case "company/companies" -> withChildren("companies", "CompanyMaintenance", rest, Map.of(
                    "notes", new Child("companynotes", "CompanyNotes", "company/id"),
                    "teams", new Child("companyteams", "TeamMembers", "company/id")));
            case "company/contacts" -> new Target("contacts", "Contacts", null, rest);
            case "company/configurations" -> new Target("configurations", "Configurations", null, rest);
            case "service/priorities" -> new Target("priorities", "TableSetup", null, rest);
            case "time/entries" -> new Target("timeentries", "TimeEntry", null, rest);
            case "schedule/entries" -> new Target("scheduleentries", "ResourceScheduling", null, rest);
            case "system/members" -> new Target("members", "MemberMaintenance", null, rest);
            case "system/callbacks" -> new Target("callbacks", null, null, rest);
            case "system/documents" -> new Target("documents", "ManageAttachments", null, rest);
            case "system/mycompany" -> !rest.isEmpty() && rest.get(0).equals("other")
                    ? new Target("mycompanyother", "MyCompany", null, rest.subList(1, rest.size())) : null;
            case "service/boards" -> withChildren("boards", "TableSetup", rest,
                    Map.of("statuses", new Child("statuses", "TableSetup", "board/id")));
            case "service/tickets" -> withChildren("tickets", "ServiceTickets", rest, Map.of(
                    "notes", new Child("notes", "ServiceTickets", "ticketId"),
                    "timeentries", new Child("timeentries", "TimeEntry", "chargeToId"),
                    "scheduleentries", new Child("scheduleentries", "ResourceScheduling", "objectId")));
            case "project/projects" -> withChildren("projects", "ProjectHeaders", rest, Map.of(
                    "notes", new Child("projectnotes", "ProjectNotes", "projectId"),
                    "teammembers", new Child("projectteammembers", "ProjectTeams", "projectId")));
            case "project/tickets" -> new Target("projecttickets", "ProjectTickets", null, rest);
            case "finance/agreements" -> new Target("agreements", "Agreements", null, rest);
            case "procurement/products" -> new Target("products", "Products", null, rest);
            default -> null;
        };
    }

    /** /{parent}[/count|/{id}] or /{parent}/{id}/{child}[...]; null for an unknown child. */
    private static Target withChildren(String table, String permission, List<String> rest, Map<String, Child> children) {
        if (rest.size() < 2) {
            return new Target(table, permission, null, rest);
        }
        Child c = children.get(rest.get(1));
        return c == null ? null : new Target(c.table(), c.permission(),
                new ManageService.Parent(table, c.parentPath(), parse(rest.get(0))), rest.subList(2, rest.size()));
    }

    private static Long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ManageException(404, "ConnectWiseApi", "The endpoint does not exist.");
        }
    }

    private void require(String level, String permission) {
        if (permission != null && !permissions.grants(Permissions.MANAGE, level + ":" + permission)) {
            throw new ManageException(403, "Forbidden", "You do not have " + level + " access to " + permission
                    + " in your security role.");
        }
    }

    private void dispatch(RoutingContext ctx, List<String> seg, String member) {
        HttpMethod m = ctx.request().method();
        if (seg.equals(List.of("system", "info"))) {
            require("inquire", "MyCompany");
            Http.json(ctx, 200, Json.obj().put("version", "v2025.1.10234").put("isCloud", true)
                    .put("serverTimeZone", "Eastern Standard Time").<ObjectNode>set("licenseBits", Json.arr())
                    .put("cloudRegion", "NA"));
            return;
        }
        if (seg.size() == 4 && seg.get(0).equals("system") && seg.get(1).equals("members") && seg.get(3).equals("tokens")
                && m == HttpMethod.POST) {
            require("add", "MemberMaintenance");
            String ident = service.memberByIdentifier(seg.get(2)).map(x -> x.get("identifier").asText())
                    .orElseThrow(() -> new ManageException(404, "NotFound", "Member " + seg.get(2) + " not found"));
            String pub = "tok" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
            String priv = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            Instant exp = Instant.now().plusSeconds(3600);
            service.tokens().put(pub, new ManageService.Token(priv, ident, exp));
            Http.json(ctx, 201, Json.obj().put("publicKey", pub).put("privateKey", priv).put("expiration", exp.toString()));
            return;
        }
        Target t = target(seg);
        if (t == null) {
            throw new ManageException(404, "ConnectWiseApi", "The endpoint does not exist.");
        }
        String origin = Http.origin(ctx);
        List<String> rest = t.rest();
        boolean count = !rest.isEmpty() && rest.get(0).equals("count");
        boolean search = !rest.isEmpty() && rest.get(0).equals("search");
        if (rest.isEmpty() || ((count || search) && rest.size() == 1)) {
            if (m == HttpMethod.GET || (search && m == HttpMethod.POST)) {
                require("inquire", t.permission());
                JsonNode body = search ? Http.body(ctx) : null;
                String conditions = search && body != null ? Values.text(Json.getIgnoreCase(body, "conditions"))
                        : ctx.request().getParam("conditions");
                Predicate<JsonNode> filter = Conditions.parse(conditions, '/', ManageRoutes::alias);
                Stream<ObjectNode> rows = service.table(t.table()).all().stream().filter(t.inParent())
                        .filter(attachedTo(ctx, t)).filter(filter::test);
                if (count) {
                    Http.json(ctx, 200, Json.obj().put("count", rows.count()));
                } else {
                    list(ctx, rows, search && body != null ? Values.text(Json.getIgnoreCase(body, "orderBy"))
                            : ctx.request().getParam("orderBy"));
                }
            } else if (m == HttpMethod.POST && !count && !search) {
                create(ctx, t, member, origin);
            } else {
                throw notSupported(m);
            }
            return;
        }
        if (rest.size() > 1) {
            throw new ManageException(404, "ConnectWiseApi", "The endpoint does not exist.");
        }
        long id = parse(rest.get(0));
        String level = switch (m.name()) {
            case "GET" -> "inquire";
            case "DELETE" -> "delete";
            case "PUT", "PATCH" -> "edit";
            default -> throw notSupported(m);
        };
        // the role is checked before the record is looked up: an edit of id 0 is 403 without the right, else 404
        require(level, t.permission());
        ObjectNode rec = service.table(t.table()).get(id);
        if (rec == null || !t.inParent().test(rec)) {
            throw ManageService.notFound(t.table(), id);
        }
        if (m == HttpMethod.GET) {
            Http.json(ctx, 200, shape(rec, ctx.request().getParam("fields")));
        } else if (m == HttpMethod.DELETE) {
            service.delete(t.table(), id, member, origin);
            Http.empty(ctx, 204);
        } else {
            JsonNode body = Http.body(ctx);
            ObjectNode next;
            if (m == HttpMethod.PUT) {
                if (body == null || !body.isObject()) {
                    throw new ManageException(400, "InvalidObject", "The request body is not a valid object.");
                }
                next = ((ObjectNode) body).deepCopy();
            } else {
                next = patch(rec, body);
            }
            Http.json(ctx, 200, service.replace(t.table(), id, next, member, origin));
        }
    }

    private static ManageException notSupported(HttpMethod m) {
        return new ManageException(405, "ConnectWiseApi", "The requested resource does not support http method '"
                + m.name() + "'.");
    }

    /** POST on a collection: role entry first (403), then the endpoint's own refusals, the parent (404) and the body (400). */
    private void create(RoutingContext ctx, Target t, String member, String origin) {
        ManageService.Kind kind = ManageService.kind(t.table());
        if (!kind.creatable()) {
            throw notSupported(HttpMethod.POST);
        }
        require("add", t.permission());
        if (t.table().equals("documents")) {
            // uploads are multipart/form-data on the real server; the sandbox stores no files
            throw new ManageException(415, "UnsupportedMediaType", "Documents are uploaded as multipart/form-data "
                    + "with recordType, recordId, title and file.");
        }
        JsonNode body = Http.body(ctx);
        if (body == null || !body.isObject()) {
            throw new ManageException(400, "InvalidObject", "The request body is not a valid object.");
        }
        Http.json(ctx, 201, service.create(t.table(), (ObjectNode) body, member, t.parent(), origin));
    }

    /** /system/documents lists the documents of one record, named by the recordType and recordId parameters. */
    private Predicate<ObjectNode> attachedTo(RoutingContext ctx, Target t) {
        if (!t.table().equals("documents")) {
            return r -> true;
        }
        String type = ctx.request().getParam("recordType");
        String id = ctx.request().getParam("recordId");
        if (type == null || type.isBlank()) {
            throw ManageException.invalid("document", "MissingRequiredField", "recordType", "The recordType field is required.");
        }
        if (id == null || id.isBlank()) {
            throw ManageException.invalid("document", "MissingRequiredField", "recordId", "The recordId field is required.");
        }
        String owner = type + ":" + id.trim();
        return r -> owner.equalsIgnoreCase(service.documentOwner(r.get("id").asLong()));
    }

    /** {@code lastUpdated} is a pseudo-field for _info/lastUpdated on every object. */
    private static String[] alias(String[] path) {
        return path.length == 1 && path[0].equalsIgnoreCase("lastUpdated") ? new String[] {"_info", "lastUpdated"} : path;
    }

    /** Applies [{op, path, value}] operations (replace/add/remove) to a copy of the record. */
    private static ObjectNode patch(ObjectNode rec, JsonNode ops) {
        if (ops == null || !ops.isArray()) {
            throw new ManageException(400, "InvalidObject", "The request body must be an array of patch operations.");
        }
        ObjectNode next = rec.deepCopy();
        for (JsonNode op : ops) {
            String kind = Values.text(Json.getIgnoreCase(op, "op"));
            String path = Values.text(Json.getIgnoreCase(op, "path"));
            if (kind == null || path == null) {
                throw new ManageException(400, "InvalidObject", "Each patch operation needs op and path.");
            }
            String[] keys = path.replaceFirst("^/", "").split("/");
            ObjectNode parent = next;
            for (int i = 0; i < keys.length - 1; i++) {
                parent = parent.has(keys[i]) && parent.get(keys[i]).isObject() ? (ObjectNode) parent.get(keys[i])
                        : parent.putObject(keys[i]);
            }
            String leaf = keys[keys.length - 1];
            String existing = parent.properties().stream().map(java.util.Map.Entry::getKey)
                    .filter(k -> k.equalsIgnoreCase(leaf)).findFirst().orElse(leaf);
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "replace", "add" -> parent.set(existing, Json.getIgnoreCase(op, "value"));
                case "remove" -> parent.remove(existing);
                default -> throw new ManageException(400, "InvalidObject", "Unsupported patch op '" + kind + "'.");
            }
        }
        return next;
    }

    private static Comparator<ObjectNode> order(String orderBy) {
        Comparator<ObjectNode> cmp = Comparator.comparingLong(r -> r.path("id").asLong());
        if (orderBy == null || orderBy.isBlank()) {
            return cmp;
        }
        Comparator<ObjectNode> result = null;
        for (String part : orderBy.split(",")) {
            String[] w = part.trim().split("\\s+");
            String[] path = alias(w[0].split("/"));
            Comparator<ObjectNode> c = (a, b) -> {
                JsonNode x = Json.path(a, path);
                JsonNode y = Json.path(b, path);
                if (Values.isNull(x) || Values.isNull(y)) {
                    return Boolean.compare(!Values.isNull(x), !Values.isNull(y));
                }
                int v = Values.compare(x, y.isNumber() ? y.numberValue() : y.isBoolean() ? y.booleanValue() : y.asText());
                return v == Integer.MIN_VALUE ? 0 : v;
            };
            if (w.length > 1 && w[1].equalsIgnoreCase("desc")) {
                c = c.reversed();
            }
            result = result == null ? c : result.thenComparing(c);
        }
        return result.thenComparing(cmp);
    }

    private void list(RoutingContext ctx, Stream<ObjectNode> rows, String orderBy) {
        int pageSize = intParam(ctx, "pageSize", config.manage().defaultPageSize());
        if (pageSize < 1) {
            pageSize = config.manage().defaultPageSize();
        }
        pageSize = Math.min(pageSize, config.manage().maxPageSize());
        boolean forward = "forward-only".equalsIgnoreCase(ctx.request().getHeader("pagination-type"));
        List<ObjectNode> sorted;
        List<ObjectNode> page;
        List<String> links = new ArrayList<>();
        String fields = ctx.request().getParam("fields");
        if (forward) {
            long after = ctx.request().getParam("pageId") == null ? 0 : Long.parseLong(ctx.request().getParam("pageId"));
            int size = pageSize;
            page = rows.filter(r -> r.path("id").asLong() > after).sorted(Comparator.comparingLong(r -> r.path("id").asLong()))
                    .limit(size + 1L).toList();
            if (page.size() > size) {
                page = page.subList(0, size);
                links.add("<" + selfUrl(ctx, "pageId", String.valueOf(page.get(size - 1).get("id").asLong())) + ">; rel=\"next\"");
            }
        } else {
            sorted = rows.sorted(order(orderBy)).toList();
            int pageNo = Math.max(1, intParam(ctx, "page", 1));
            int last = Math.max(1, (sorted.size() + pageSize - 1) / pageSize);
            int from = Math.min(sorted.size(), (pageNo - 1) * pageSize);
            page = sorted.subList(from, Math.min(sorted.size(), from + pageSize));
            if (pageNo > 1) {
                links.add("<" + selfUrl(ctx, "page", "1") + ">; rel=\"first\"");
                links.add("<" + selfUrl(ctx, "page", String.valueOf(pageNo - 1)) + ">; rel=\"prev\"");
            }
            if (pageNo < last) {
                links.add("<" + selfUrl(ctx, "page", String.valueOf(pageNo + 1)) + ">; rel=\"next\"");
                links.add("<" + selfUrl(ctx, "page", String.valueOf(last)) + ">; rel=\"last\"");
            }
        }
        if (!links.isEmpty()) {
            ctx.response().putHeader("Link", String.join(", ", links));
        }
        ArrayNode out = Json.arr();
        page.forEach(r -> out.add(shape(r, fields)));
        Http.json(ctx, 200, out);
    }

    private static int intParam(RoutingContext ctx, String name, int dflt) {
        for (var e : ctx.queryParams()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                try {
                    return Integer.parseInt(e.getValue());
                } catch (NumberFormatException ex) {
                    throw new ManageException(400, "InvalidObject", name + " must be a number.");
                }
            }
        }
        return dflt;
    }

    private static String selfUrl(RoutingContext ctx, String param, String value) {
        StringBuilder q = new StringBuilder();
        boolean replaced = false;
        for (var e : ctx.queryParams()) {
            boolean same = e.getKey().equalsIgnoreCase(param);
            replaced |= same;
            q.append(q.length() == 0 ? "?" : "&").append(e.getKey()).append('=')
                    .append(URLEncoder.encode(same ? value : e.getValue(), StandardCharsets.UTF_8));
        }
        if (!replaced) {
            q.append(q.length() == 0 ? "?" : "&").append(param).append('=').append(value);
        }
        return Http.origin(ctx) + ctx.request().path() + q;
    }

    /** fields=id,summary,company/id keeps only those properties, nested ones as partial objects. */
    private static ObjectNode shape(ObjectNode r, String fields) {
        if (fields == null || fields.isBlank()) {
            return r;
        }
        ObjectNode out = Json.obj();
        for (String f : fields.split(",")) {
            String[] path = f.trim().split("/");
            JsonNode v = Json.path(r, path);
            if (v == null) {
                continue;
            }
            ObjectNode parent = out;
            for (int i = 0; i < path.length - 1; i++) {
                String key = path[i];
                parent = parent.has(key) ? (ObjectNode) parent.get(key) : parent.putObject(key);
            }
            parent.set(path[path.length - 1], v);
        }
        return out;
    }
}
