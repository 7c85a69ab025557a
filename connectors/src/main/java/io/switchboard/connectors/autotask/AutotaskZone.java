package io.switchboard.connectors.autotask;

/** The tenant's zone from zoneInformation; {@code url} is the REST root and ends with a slash. */
public record AutotaskZone(String zoneName, String url, String webUrl, int ci) {
}
