package io.switchboard.connectors.manage;

/** {@code /login/companyinfo/{company}}: which codebase (e.g. {@code v2025_1/}) serves the company. */
public record ManageCompanyInfo(String companyName, String codebase, String versionCode, String companyId, boolean isCloud) {
}
