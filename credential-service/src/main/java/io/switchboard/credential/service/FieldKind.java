package io.switchboard.credential.service;

/** How a connection field is checked and whether it is stored encrypted. */
public enum FieldKind {
    TEXT,
    /** digits only, e.g. an Autotask resource id; JSON numbers are accepted too */
    NUMERIC,
    /** an absolute URL that passes the SSRF guard */
    URL,
    /** write-only: encrypted at rest, never returned, shown only as a hint */
    SECRET
}
