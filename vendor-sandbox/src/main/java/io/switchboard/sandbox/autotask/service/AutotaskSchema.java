package io.switchboard.sandbox.autotask.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.data.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Entities the sandbox serves, their fields and picklists: drives key binding, validation and entityInformation. */
public final class AutotaskSchema {

    public record Pick(String value, String label, boolean isDefault, String parentValue) {
    }

    public record Field(String name, String dataType, boolean required, boolean readOnly, String reference,
                        List<Pick> picks, String parentField, boolean webhook, int fieldId) {
        public boolean isPickList() {
            return picks != null;
        }
    }

    /**
     * @param permission security-level area that grants access
     * @param parent     entity whose child route creates this one (TicketNotes under Tickets), or null
     * @param childRoute segment of that child route ("Notes")
     * @param parentKey  field holding the parent id
     * @param topLevelCreate whether POST on the entity's own collection is allowed
     * @param impersonation  entry of the Resource Impersonation section that allows writes as another resource
     */
    public record Entity(String name, String permission, boolean canCreate, boolean canUpdate, boolean canDelete,
                         String parent, String childRoute, String parentKey, boolean topLevelCreate,
                         String impersonation, Map<String, Field> fields) {
        public Field field(String anyCase) {
            return fields.get(anyCase.toLowerCase(Locale.ROOT));
        }
    }

    private final Map<String, Entity> entities = new LinkedHashMap<>();

    public Entity entity(String anyCase) {
        return entities.get(anyCase.toLowerCase(Locale.ROOT));
    }

    /** The child entity reached by /{parent}/{id}/{segment}, or null. */
    public Entity child(Entity parent, String segment) {
        return entities.values().stream().filter(e -> parent.name().equals(e.parent())
                && e.childRoute().equalsIgnoreCase(segment)).findFirst().orElse(null);
    }

    private static final class Builder {
        final List<Field> fields = new ArrayList<>();
        int nextFieldId = 100;

        Builder f(String name, String type) {
            return add(name, type, false, false, null, null, null);
        }

        Builder req(String name, String type) {
            return add(name, type, true, false, null, null, null);
        }

        Builder ro(String name, String type) {
            return add(name, type, false, true, null, null, null);
        }

        Builder ref(String name, String entity, boolean required) {
            return add(name, "integer", required, false, entity, null, null);
        }

        Builder pick(String name, boolean required, List<Pick> picks, String parentField) {
            return add(name, "integer", required, false, null, picks, parentField);
        }

        Builder add(String name, String type, boolean required, boolean readOnly, String reference, List<Pick> picks,
                    String parentField) {
            fields.add(new Field(name, type, required, readOnly, reference, picks, parentField, !readOnly,
                    nextFieldId++));
            return this;
        }

        Map<String, Field> build() {
            Map<String, Field> m = new LinkedHashMap<>();
            fields.forEach(x -> m.put(x.name().toLowerCase(Locale.ROOT), x));
            return m;
        }
    }

    private void add(String name, String permission, boolean c, boolean u, boolean d, String parent, String childRoute,
                     String parentKey, boolean topLevelCreate, Builder b) {
        add(name, permission, c, u, d, parent, childRoute, parentKey, topLevelCreate, name, b);
    }

    private void add(String name, String permission, boolean c, boolean u, boolean d, String parent, String childRoute,
                     String parentKey, boolean topLevelCreate, String impersonation, Builder b) {
        entities.put(name.toLowerCase(Locale.ROOT), new Entity(name, permission, c, u, d, parent, childRoute, parentKey,
                topLevelCreate, impersonation, b.build()));
    }

    /** Picklists come from the seeded data, so the schema is rebuilt on every reset. */
    public AutotaskSchema(List<Pick> statuses, List<Pick> priorities, List<Pick> queues, List<Pick> issueTypes,
                          List<Pick> subIssueTypes) {
        List<Pick> categories = List.of(new Pick("3", "Standard", true, ""), new Pick("2", "AEM Alert", false, ""));
        List<Pick> ticketTypes = List.of(new Pick("1", "Service Request", true, ""), new Pick("2", "Incident", false, ""),
                new Pick("3", "Problem", false, ""), new Pick("4", "Change Request", false, ""), new Pick("5", "Alert", false, ""));
        List<Pick> sources = List.of(new Pick("2", "Email", false, ""), new Pick("4", "Phone", true, ""),
                new Pick("8", "Web Portal", false, ""), new Pick("-1", "Insourced", false, ""));
        Builder tickets = new Builder().ro("id", "long").ro("ticketNumber", "string").req("title", "string")
                .f("description", "string").pick("status", true, statuses, "").pick("priority", true, priorities, "")
                .pick("queueID", false, queues, "").ref("companyID", "Company", true).f("companyLocationID", "integer")
                .ref("contactID", "Contact", false).ref("assignedResourceID", "Resource", false)
                .f("assignedResourceRoleID", "integer").pick("ticketType", false, ticketTypes, "")
                .pick("source", false, sources, "").pick("issueType", false, issueTypes, "")
                .pick("subIssueType", false, subIssueTypes, "issueType").pick("ticketCategory", false, categories, "")
                .f("billingCodeID", "integer").f("contractID", "integer").f("configurationItemID", "integer")
                .ro("creatorResourceID", "integer").ro("creatorType", "integer").ro("createdByContactID", "integer")
                .ro("createDate", "datetime").req("dueDateTime", "datetime").ro("lastActivityDate", "datetime")
                .f("completedDate", "datetime").f("estimatedHours", "double").f("externalID", "string")
                .f("resolution", "string").ro("lastActivityResourceID", "integer")
                .ro("lastTrackedModificationDateTime", "datetime").ro("impersonatorCreatorResourceID", "integer");
        add("Tickets", "ServiceDesk", true, true, false, null, null, null, true, tickets);

        List<Pick> noteTypes = List.of(new Pick("1", "Task Summary", true, ""), new Pick("2", "Task Detail", false, ""),
                new Pick("3", "Task Notes", false, ""));
        List<Pick> publish = List.of(new Pick("1", "All Autotask Users", true, ""), new Pick("2", "Internal Only", false, ""));
        add("TicketNotes", "ServiceDesk", true, true, false, "Tickets", "Notes", "ticketID", false, new Builder()
                .ro("id", "long").ref("ticketID", "Ticket", true).f("title", "string").req("description", "string")
                .pick("noteType", true, noteTypes, "").pick("publish", true, publish, "")
                .ro("createDateTime", "datetime").ro("lastActivityDate", "datetime").ro("creatorResourceID", "integer")
                .ro("createdByContactID", "integer").ro("impersonatorCreatorResourceID", "integer")
                .ro("impersonatorUpdaterResourceID", "integer"));

        add("TimeEntries", "ServiceDesk", true, true, true, "Tickets", "TimeEntries", "ticketID", true, new Builder()
                .ro("id", "long").ref("ticketID", "Ticket", false).f("taskID", "integer")
                .ref("resourceID", "Resource", true).req("roleID", "integer").f("dateWorked", "datetime")
                .f("startDateTime", "datetime").f("endDateTime", "datetime").f("hoursWorked", "double")
                .f("hoursToBill", "double").f("summaryNotes", "string").f("internalNotes", "string")
                .f("isNonBillable", "boolean").f("billingCodeID", "integer").ro("timeEntryType", "integer")
                .ro("createDateTime", "datetime").ro("creatorUserID", "integer").ro("lastModifiedDateTime", "datetime")
                .ro("lastModifiedUserID", "integer").ro("impersonatorCreatorResourceID", "integer")
                .ro("impersonatorUpdaterResourceID", "integer"));

        List<Pick> companyTypes = List.of(new Pick("1", "Customer", true, ""), new Pick("2", "Lead", false, ""),
                new Pick("3", "Prospect", false, ""), new Pick("6", "Vendor", false, ""), new Pick("7", "Partner", false, ""));
        add("Companies", "Companies", true, true, false, null, null, null, true, new Builder().ro("id", "long")
                .req("companyName", "string").f("companyNumber", "string").pick("companyType", true, companyTypes, "")
                .f("isActive", "boolean").f("phone", "string").f("address1", "string").f("city", "string")
                .f("state", "string").f("postalCode", "string").f("webAddress", "string")
                .ref("ownerResourceID", "Resource", true).f("parentCompanyID", "integer").ro("createDate", "datetime")
                .ro("lastActivityDate", "datetime").ro("lastTrackedModifiedDateTime", "datetime")
                .ro("impersonatorCreatorResourceID", "integer"));

        add("Contacts", "Companies", true, true, false, "Companies", "Contacts", "companyID", false, new Builder()
                .ro("id", "long").ref("companyID", "Company", true).req("firstName", "string").req("lastName", "string")
                .f("emailAddress", "string").f("phone", "string").f("title", "string").req("isActive", "integer")
                .f("primaryContact", "boolean").ro("lastActivityDate", "datetime").ro("lastModifiedDate", "datetime")
                .ro("impersonatorCreatorResourceID", "integer"));

        List<Pick> licenseTypes = List.of(new Pick("1", "Full", true, ""), new Pick("7", "API User", false, ""));
        add("Resources", "Resources", false, true, false, null, null, null, false, new Builder().ro("id", "long")
                .req("firstName", "string").req("lastName", "string").req("email", "string").ro("userName", "string")
                .f("isActive", "boolean").pick("licenseType", false, licenseTypes, "").f("resourceType", "string")
                .f("title", "string").f("defaultServiceDeskRoleID", "integer"));

        add("ConfigurationItems", "ConfigurationItems", true, true, false, null, null, null, true, new Builder()
                .ro("id", "long").ref("companyID", "Company", true).req("configurationItemType", "integer")
                .req("referenceTitle", "string").f("serialNumber", "string").f("isActive", "boolean")
                .f("installDate", "datetime").ro("createDate", "datetime").ro("lastModifiedTime", "datetime")
                .ro("impersonatorCreatorResourceID", "integer"));

        List<Pick> serviceCallStatuses = List.of(new Pick("1", "New", true, ""), new Pick("2", "Scheduled", false, ""),
                new Pick("5", "Complete", false, ""));
        add("ServiceCalls", "ServiceDesk", true, true, true, null, null, null, true, new Builder().ro("id", "long")
                .ref("companyID", "Company", true).f("companyLocationID", "integer").f("description", "string")
                .req("startDateTime", "datetime").req("endDateTime", "datetime").f("duration", "double")
                .pick("status", true, serviceCallStatuses, "").f("isComplete", "integer")
                .f("cancelationNoticeHours", "double").f("canceledDateTime", "datetime")
                .f("canceledByResourceID", "integer").ro("createDateTime", "datetime").ro("creatorResourceID", "integer")
                .ro("lastModifiedDateTime", "datetime").ro("impersonatorCreatorResourceID", "integer"));

        List<Pick> attachmentTypes = List.of(new Pick("FILE_ATTACHMENT", "File Attachment", true, ""),
                new Pick("FILE_LINK", "File Link", false, ""), new Pick("FOLDER_LINK", "Folder Link", false, ""),
                new Pick("URL", "URL", false, ""));
        add("TicketAttachments", "ServiceDesk", true, false, true, "Tickets", "Attachments", "ticketID", false,
                "Attachments", new Builder().ro("id", "long").ref("ticketID", "Ticket", true).req("title", "string")
                        .add("attachmentType", "string", true, false, null, attachmentTypes, "")
                        .f("fullPath", "string").f("data", "string").f("contentType", "string")
                        .ro("fileSize", "double").pick("publish", true, publish, "").ro("attachDate", "datetime")
                        .ro("attachedByResourceID", "integer").ro("attachedByContactID", "integer")
                        .ro("creatorType", "integer").ro("impersonatorCreatorResourceID", "integer"));

        List<Pick> projectTypes = List.of(new Pick("5", "Client", true, ""), new Pick("4", "Internal", false, ""),
                new Pick("2", "Proposal", false, ""), new Pick("3", "Template", false, ""));
        List<Pick> projectStatuses = List.of(new Pick("1", "New", true, ""), new Pick("2", "Active", false, ""),
                new Pick("5", "Complete", false, ""));
        add("Projects", "Projects", true, true, false, null, null, null, true, new Builder().ro("id", "long")
                .req("projectName", "string").ro("projectNumber", "string").ref("companyID", "Company", true)
                .pick("projectType", true, projectTypes, "").pick("status", true, projectStatuses, "")
                .req("startDateTime", "datetime").req("endDateTime", "datetime").f("description", "string")
                .ref("projectLeadResourceID", "Resource", false).f("contractID", "integer")
                .f("estimatedTime", "double").f("completedPercentage", "integer").f("completedDateTime", "datetime")
                .ro("createDateTime", "datetime").ro("creatorResourceID", "integer")
                .ro("lastActivityDateTime", "datetime").ro("impersonatorCreatorResourceID", "integer"));

        List<Pick> opportunityStatuses = List.of(new Pick("1", "Active", true, ""), new Pick("2", "Lost", false, ""),
                new Pick("3", "Closed", false, ""), new Pick("4", "Implemented", false, ""));
        add("Opportunities", "Sales", true, true, false, null, null, null, true, new Builder().ro("id", "long")
                .req("title", "string").ref("companyID", "Company", true).ref("contactID", "Contact", false)
                .ref("ownerResourceID", "Resource", true).req("amount", "double").req("cost", "double")
                .req("probability", "integer").req("projectedCloseDate", "datetime")
                .pick("status", true, opportunityStatuses, "").f("stage", "integer").f("description", "string")
                .f("totalAmountMonths", "integer").f("useQuoteTotals", "boolean").ro("createDate", "datetime")
                .ro("creatorResourceID", "integer").ro("lastActivity", "datetime")
                .ro("impersonatorCreatorResourceID", "integer"));

        add("Products", "Products", true, true, false, null, null, null, true, new Builder().ro("id", "long")
                .req("name", "string").f("description", "string").f("sku", "string").f("manufacturerName", "string")
                .f("manufacturerProductName", "string").f("unitCost", "double").f("unitPrice", "double")
                .f("msrp", "double").req("isActive", "boolean").req("isSerialized", "boolean")
                .f("productCategory", "integer").f("periodType", "integer")
                .ro("impersonatorCreatorResourceID", "integer"));

        List<Pick> contractTypes = List.of(new Pick("1", "Time and Materials", false, ""),
                new Pick("3", "Fixed Price", false, ""), new Pick("4", "Block Hours", false, ""),
                new Pick("6", "Retainer", false, ""), new Pick("7", "Recurring Service", true, ""),
                new Pick("8", "Per Ticket", false, ""));
        List<Pick> contractStatuses = List.of(new Pick("1", "Active", true, ""), new Pick("0", "Inactive", false, ""));
        add("Contracts", "Contracts", true, true, false, null, null, null, true, new Builder().ro("id", "long")
                .req("contractName", "string").f("contractNumber", "string").ref("companyID", "Company", true)
                .ref("contactID", "Contact", false).pick("contractType", true, contractTypes, "")
                .pick("status", true, contractStatuses, "").req("startDate", "datetime").req("endDate", "datetime")
                .f("description", "string").f("isDefaultContract", "boolean").f("setupFee", "double")
                .f("estimatedRevenue", "double").req("timeReportingRequiresStartAndStopTimes", "integer"));

        add("Tags", "Tagging", true, true, true, null, null, null, true, new Builder().ro("id", "long")
                .req("label", "string").req("tagGroupID", "integer").f("isActive", "boolean").ro("isSystem", "boolean")
                .f("isExcludedFromAutomaticTagging", "boolean").ro("createDateTime", "datetime")
                .ro("lastModifiedDateTime", "datetime"));

        add("TicketWebhooks", "Webhooks", true, true, true, null, null, null, true, new Builder().ro("id", "long")
                .req("name", "string").req("isActive", "boolean").req("webhookUrl", "string")
                .req("deactivationUrl", "string").f("secretKey", "string").f("isSubscribedToCreateEvents", "boolean")
                .f("isSubscribedToUpdateEvents", "boolean").f("isSubscribedToDeleteEvents", "boolean")
                .f("sendThresholdExceededNotification", "boolean").f("notificationEmailAddress", "string")
                .ro("ownerResourceID", "integer").ro("isReady", "boolean").ro("webhookGUID", "string"));

        List<Pick> webhookFields = new ArrayList<>();
        entity("Tickets").fields().values().stream().filter(Field::webhook)
                .forEach(x -> webhookFields.add(new Pick(String.valueOf(x.fieldId()), x.name(), false, "")));
        add("TicketWebhookFields", "Webhooks", true, true, true, "TicketWebhooks", "Fields", "webhookID", false,
                new Builder().ro("id", "long").ref("webhookID", "TicketWebhook", true)
                        .pick("fieldID", true, webhookFields, "").f("isSubscribedField", "boolean")
                        .f("isDisplayAlwaysField", "boolean"));
        add("TicketWebhookExcludedResources", "Webhooks", true, false, true, "TicketWebhooks", "ExcludedResources",
                "webhookID", false, new Builder().ro("id", "long").ref("webhookID", "TicketWebhook", true)
                        .ref("resourceID", "Resource", true));
        add("WebhookEventErrorLogs", "Webhooks", false, false, true, null, null, null, false, new Builder()
                .ro("id", "long").ro("ticketWebhookID", "integer").ro("createDateTime", "datetime")
                .ro("errorMessage", "string").ro("payload", "string").ro("sequenceNumber", "integer"));
    }

    public ObjectNode entityInformation(Entity e) {
        ObjectNode info = Json.obj().put("name", e.name().replaceAll("ies$", "y").replaceAll("s$", ""))
                .put("canCreate", e.canCreate()).put("canDelete", e.canDelete()).put("canQuery", true)
                .put("canUpdate", e.canUpdate()).put("hasUserDefinedFields", false)
                .put("supportsWebhookCallouts", e.name().equals("Tickets") || e.name().equals("TicketNotes")
                        || e.name().equals("Companies") || e.name().equals("Contacts")
                        || e.name().equals("ConfigurationItems"))
                .put("userAccessForCreate", "All").put("userAccessForDelete", e.canDelete() ? "All" : "None")
                .put("userAccessForQuery", "All").put("userAccessForUpdate", "All");
        return Json.obj().set("info", info);
    }

    public ObjectNode fieldsInformation(Entity e) {
        ArrayNode fields = Json.arr();
        for (Field f : e.fields().values()) {
            ObjectNode n = fields.addObject().put("name", f.name()).put("dataType", f.dataType())
                    .put("length", f.dataType().equals("string") ? 8000 : 0).put("isRequired", f.required())
                    .put("isReadOnly", f.readOnly()).put("isQueryable", true).put("isReference", f.reference() != null)
                    .put("referenceEntityType", f.reference() == null ? "" : f.reference())
                    .put("isPickList", f.isPickList());
            ArrayNode picks = n.putArray("picklistValues");
            if (f.isPickList()) {
                int sort = 1;
                for (Pick p : f.picks()) {
                    picks.addObject().put("value", p.value()).put("label", p.label()).put("isDefaultValue", p.isDefault())
                            .put("sortOrder", sort++).put("parentValue", p.parentValue()).put("isActive", true)
                            .put("isSystem", sort <= 2);
                }
            }
            n.put("picklistParentValueField", f.parentField() == null ? "" : f.parentField())
                    .put("isSupportedWebhookField", f.webhook() && e.name().equals("Tickets"));
        }
        return Json.obj().set("fields", fields);
    }
}
