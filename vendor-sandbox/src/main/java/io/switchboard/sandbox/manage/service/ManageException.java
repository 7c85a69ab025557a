package io.switchboard.sandbox.manage.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.data.Json;

/** A Manage failure with its {"code","message"[,"errors"]} body. */
public class ManageException extends RuntimeException {
    private final int status;
    private final ObjectNode body;

    public ManageException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.body = Json.obj().put("code", code).put("message", message);
    }

    /** A validation failure: 400 InvalidObject with one item in errors[]. */
    public static ManageException invalid(String resource, String itemCode, String field, String message) {
        ManageException e = new ManageException(400, "InvalidObject", resource + " object is invalid");
        e.body.putArray("errors").addObject().put("code", itemCode).put("message", message)
                .put("resource", resource).put("field", field);
        return e;
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }
}
