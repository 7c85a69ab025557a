package io.switchboard.sandbox.autotask.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.autotask.service.AutotaskException;
import io.switchboard.sandbox.autotask.service.AutotaskFilter;
import io.switchboard.sandbox.autotask.service.AutotaskLimits;
import io.switchboard.sandbox.autotask.service.AutotaskSchema.Entity;
import io.switchboard.sandbox.autotask.service.AutotaskService;
import io.switchboard.sandbox.autotask.service.AutotaskService.Caller;
import io.switchboard.sandbox.autotask.service.AutotaskZone;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.control.Fault;
import io.switchboard.sandbox.control.Faults;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.web.Http;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** Autotask REST v1.0 under /atservicesrest (any case), answered on the event loop from memory. */
@ApplicationScoped
public class AutotaskRoutes {
    private final AutotaskService service;
    private final AutotaskLimits limits;
    private final Faults faults;
    private final SandboxConfig config;
    private final AutotaskZone zone;

    public AutotaskRoutes(AutotaskService service, AutotaskLimits limits, Faults faults, SandboxConfig config, AutotaskZone zone) {
        this.service = service;
        this.limits = limits;
        this.faults = faults;
        this.config = config;
        this.zone = zone;
    }

    void register(@Observes Router router) {
        router.routeWithRegex("(?i)/atservicesrest(/.*)?").handler(BodyHandler.create()).handler(this::handle);
    }

    private static void errors(RoutingContext ctx, int status, String... messages) {
        ArrayNode arr = Json.arr();
        Arrays.stream(messages).forEach(arr::add);
        Http.json(ctx, status, Json.obj().set("errors", arr));
    }

    private void handle(RoutingContext ctx) {
        String[] seg = Arrays.stream(ctx.normalizedPath().split("/")).filter(s -> !s.isEmpty()).skip(1)
                .toArray(String[]::new);
        if (seg.length == 1 && seg[0].equalsIgnoreCase("versionInformation")) {
            Http.json(ctx, 200, Json.obj().set("apiVersions", Json.arr().add("1.0")));
            return;
        }
        if (seg.length < 2 || !seg[0].equalsIgnoreCase("v1.0")) {
            Http.empty(ctx, 404);
            return;
        }
        if (seg.length == 2 && seg[1].equalsIgnoreCase("zoneInformation")) {
            zoneInformation(ctx);
            return;
        }
        String code = ctx.request().getHeader("ApiIntegrationCode");
        if (!config.autotask().username().equalsIgnoreCase(String.valueOf(ctx.request().getHeader("UserName")))
                || !config.autotask().secret().equals(ctx.request().getHeader("Secret"))) {
            if (config.autotask().unauthorizedBody()) {
                errors(ctx, 401, "Authentication failed.");
            } else {
                Http.empty(ctx, 401);
            }
            return;
        }
        if (!service.validIntegrationCode(code)) {
            errors(ctx, 500, "IntegrationCode is invalid.");
            return;
        }
        Long impersonated = null;
        String imp = ctx.request().getHeader("ImpersonationResourceId");
        if (imp != null && !imp.isBlank() && ctx.request().method() != HttpMethod.GET) {
            try {
                impersonated = Long.parseLong(imp.trim());
            } catch (NumberFormatException e) {
                errors(ctx, 500, "ImpersonationResourceId is invalid.");
                return;
            }
        }
        Caller caller = new Caller(code, config.autotask().apiResourceId(), impersonated);
        String endpoint = seg[1].toLowerCase(Locale.ROOT);
        if (!limits.count()) {
            errors(ctx, 429, "The request was rejected because the API request threshold of " + limits.hourlyThreshold()
                    + " requests per hour has been exceeded for this database.");
            return;
        }
        Runnable release = limits.enter(code, endpoint);
        if (release == null) {
            errors(ctx, 429, "Thread Threshold Exceeded: the Autotask API thread threshold of " + limits.threadLimit()
                    + " threads has been exceeded for this integration and endpoint (Itgenatr005).");
            return;
        }
        ctx.addEndHandler(v -> release.run());
        Fault fault = faults.lookup("autotask", seg[1]);
        faults.apply(ctx, fault, limits.bandDelayMs(),
                () -> errors(ctx, 429, "Injected fault: too many requests."),
                () -> errors(ctx, 500, "Injected fault: internal server error."),
                () -> dispatch(ctx, seg, caller));
    }

    private void zoneInformation(RoutingContext ctx) {
        String user = ctx.request().getParam("user");
        if (user == null || !user.equalsIgnoreCase(config.autotask().username())) {
            errors(ctx, 500, "Zone information could not be determined");
            return;
        }
        String origin = zone.movedTo().orElse(Http.origin(ctx));
        Http.json(ctx, 200, Json.obj().put("zoneName", config.autotask().zoneName())
                .put("url", origin + "/ATServicesRest/").put("webUrl", origin + "/").put("ci", config.autotask().ci()));
    }

    private void dispatch(RoutingContext ctx, String[] seg, Caller caller) {
        try {
            route(ctx, seg, caller);
        } catch (AutotaskException e) {
            errors(ctx, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            errors(ctx, 500, e.getMessage());
        }
    }

    private void route(RoutingContext ctx, String[] seg, Caller caller) {
        HttpMethod m = ctx.request().method();
        if (seg[1].equalsIgnoreCase("ThresholdInformation") && seg.length == 2 && m == HttpMethod.GET) {
            Http.json(ctx, 200, Json.obj().put("externalRequestThreshold", limits.hourlyThreshold())
                    .put("requestThresholdTimeframe", 60).put("currentTimeframeRequestCount", limits.used()));
            return;
        }
        Entity e = service.schema().entity(seg[1]);
        if (e == null) {
            Http.empty(ctx, 404);
            return;
        }
        String s2 = seg.length > 2 ? seg[2].toLowerCase(Locale.ROOT) : null;
        if (seg.length == 2) {
            collection(ctx, e, m, caller, null);
        } else if (s2.equals("query")) {
            query(ctx, e, seg, caller);
        } else if (s2.equals("entityinformation")) {
            if (seg.length == 3) {
                Http.json(ctx, 200, service.schema().entityInformation(e));
            } else if (seg[3].equalsIgnoreCase("fields")) {
                Http.json(ctx, 200, service.schema().fieldsInformation(e));
            } else if (seg[3].equalsIgnoreCase("userDefinedFields")) {
                Http.json(ctx, 200, Json.obj().set("fields", Json.arr()));
            } else {
                Http.empty(ctx, 404);
            }
        } else if (seg.length == 3) {
            long id = id(seg[2]);
            item(ctx, e, id, m, caller, null);
        } else {
            long parentId = id(seg[2]);
            Entity child = service.schema().child(e, seg[3]);
            if (child == null) {
                Http.empty(ctx, 404);
            } else if (seg.length == 4) {
                if (m == HttpMethod.GET) {
                    Predicate<ObjectNode> mine = r -> r.path(child.parentKey()).asLong() == parentId;
                    page(ctx, child, service.query(child, mine, 0, 0, 500, caller), 500, 0, null, null);
                } else {
                    collection(ctx, child, m, caller, parentId);
                }
            } else {
                item(ctx, child, id(seg[4]), m, caller, parentId);
            }
        }
    }

    private static long id(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new AutotaskException(404, "The requested resource does not exist.");
        }
    }

    private void collection(RoutingContext ctx, Entity e, HttpMethod m, Caller caller, Long parentId) {
        JsonNode body = Http.body(ctx);
        if (m == HttpMethod.POST && e.canCreate() && (e.topLevelCreate() || parentId != null)) {
            Http.json(ctx, 200, Json.obj().put("itemId", service.create(e, body, caller, parentId)));
        } else if ((m == HttpMethod.PATCH || m == HttpMethod.PUT) && e.canUpdate()) {
            Http.json(ctx, 200, Json.obj().put("itemId", service.update(e, body, caller, m == HttpMethod.PUT, parentId)));
        } else {
            Http.empty(ctx, 405);
        }
    }

    private void item(RoutingContext ctx, Entity e, long id, HttpMethod m, Caller caller, Long parentId) {
        if (m == HttpMethod.GET) {
            ObjectNode r = service.get(e, id, caller);
            if (r != null && parentId != null && r.path(e.parentKey()).asLong() != parentId) {
                r = null;
            }
            if (r == null && config.autotask().notFound404()) {
                Http.empty(ctx, 404);
            } else {
                Http.json(ctx, 200, Json.obj().set("item", r));
            }
        } else if (m == HttpMethod.DELETE && e.canDelete()) {
            Http.json(ctx, 200, Json.obj().put("itemId", service.delete(e, id, caller, parentId)));
        } else {
            Http.empty(ctx, 405);
        }
    }

    /** /query, /query/count and /query/next; the paging token remembers the verb of the first page. */
    private void query(RoutingContext ctx, Entity e, String[] seg, Caller caller) {
        HttpMethod m = ctx.request().method();
        String tail = seg.length > 3 ? seg[3].toLowerCase(Locale.ROOT) : "";
        if (m != HttpMethod.GET && m != HttpMethod.POST) {
            Http.empty(ctx, 405);
            return;
        }
        String search = ctx.request().getParam("search");
        JsonNode model = m == HttpMethod.POST ? Http.body(ctx) : search == null ? null : Json.parse(search);
        int offset = 0;
        if (tail.equals("next")) {
            String[] token = decode(ctx.request().getParam("paging"));
            if (!token[0].equals(m.name())) {
                Http.empty(ctx, 405);
                return;
            }
            offset = Integer.parseInt(token[1]);
        } else if (!tail.isEmpty() && !tail.equals("count")) {
            Http.empty(ctx, 404);
            return;
        }
        JsonNode filterNode = model == null ? null : Json.getIgnoreCase(model, "filter");
        Predicate<ObjectNode> filter = AutotaskFilter.compile(filterNode, e);
        long floor = AutotaskFilter.idFloor(filterNode);
        if (tail.equals("count")) {
            Http.json(ctx, 200, Json.obj().put("queryCount", service.count(e, filter, floor, caller)));
            return;
        }
        int max = 500;
        JsonNode maxNode = Json.getIgnoreCase(model, "MaxRecords");
        if (maxNode != null && !maxNode.isNull()) {
            max = maxNode.asInt();
            if (max < 1 || max > 500) {
                throw new AutotaskException(500, "maxCountOfRecordsToReturn must be between 1 and 500");
            }
        }
        AutotaskService.Page p = service.query(e, filter, floor, offset, max, caller);
        JsonNode include = Json.getIgnoreCase(model, "IncludeFields");
        page(ctx, e, p, max, offset, include, m == HttpMethod.GET ? search : null);
    }

    private void page(RoutingContext ctx, Entity e, AutotaskService.Page p, int max, int offset, JsonNode include,
                      String getSearch) {
        ArrayNode items = Json.arr();
        Set<String> keep = null;
        if (include != null && include.isArray() && !include.isEmpty()) {
            keep = new HashSet<>();
            keep.add("id");
            for (JsonNode n : include) {
                var f = e.field(n.asText());
                if (f != null) {
                    keep.add(f.name());
                }
            }
        }
        for (ObjectNode r : p.items()) {
            if (keep == null) {
                items.add(r);
            } else {
                ObjectNode o = Json.obj();
                keep.forEach(k -> o.set(k, r.get(k)));
                items.add(o);
            }
        }
        String base = Http.origin(ctx) + "/ATServicesRest/V1.0/" + e.name() + "/query/next?paging=";
        String verb = getSearch != null ? "GET" : "POST";
        String suffix = getSearch != null ? "&search=" + URLEncoder.encode(getSearch, StandardCharsets.UTF_8) : "";
        ObjectNode details = Json.obj().put("count", p.items().size()).put("requestCount", max);
        if (offset > 0) {
            details.put("prevPageUrl", base + encode(verb, Math.max(0, offset - max)) + suffix);
        } else {
            details.putNull("prevPageUrl");
        }
        if (p.hasMore()) {
            details.put("nextPageUrl", base + encode(verb, offset + max) + suffix);
        } else {
            details.putNull("nextPageUrl");
        }
        Http.json(ctx, 200, Json.obj().<ObjectNode>set("items", items).set("pageDetails", details));
    }

    private static String encode(String verb, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((verb + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token) {
        try {
            String[] t = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            Integer.parseInt(t[1]);
            return t;
        } catch (RuntimeException ex) {
            throw new AutotaskException(500, "The paging parameter is invalid.");
        }
    }
}
