/**
 * Vendor API clients, one place per vendor for authentication, paging, rate limits (the shared Autotask request
 * budget), retries with jitter and error mapping. Services never call a vendor except through this module.
 * Filled by the credential, sync and workflow issues as they need each vendor call.
 */
package io.switchboard.connectors;
