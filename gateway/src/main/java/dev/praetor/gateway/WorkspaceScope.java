package dev.praetor.gateway;

/**
 * The tenancy a proxied request acts in, forwarded to services in internal headers.
 *
 * @param accountId   lowercase hyphenated account id, or null for the default workspace
 * @param workspaceId lowercase hyphenated workspace id
 */
public record WorkspaceScope(String accountId, String workspaceId) {
}
