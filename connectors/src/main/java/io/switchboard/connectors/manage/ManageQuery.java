package io.switchboard.connectors.manage;

/**
 * List parameters of a Manage collection.
 *
 * @param conditions e.g. {@code closedFlag = false and lastUpdated > [2026-11-01T00:00:00Z]}; null for all
 * @param orderBy    e.g. {@code id asc}; id order keeps paging stable while records change
 * @param fields     comma-separated subset, or null for whole records
 * @param pageSize   1 to {@link ManageClient#MAX_PAGE_SIZE}
 */
public record ManageQuery(String conditions, String orderBy, String fields, int pageSize) {

    public ManageQuery {
        if (pageSize < 1 || pageSize > ManageClient.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + ManageClient.MAX_PAGE_SIZE + ": " + pageSize);
        }
    }

    public static ManageQuery where(String conditions) {
        return new ManageQuery(conditions, "id asc", null, ManageClient.MAX_PAGE_SIZE);
    }

    public static ManageQuery all() {
        return where(null);
    }

    public ManageQuery pageSize(int size) {
        return new ManageQuery(conditions, orderBy, fields, size);
    }
}
