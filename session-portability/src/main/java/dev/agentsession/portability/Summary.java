package dev.agentsession.portability;

/**
 * What an export, an import or a copy went through.
 *
 * @param appTiers app state tiers written
 * @param userTiers user state tiers written
 * @param sessions sessions written
 * @param skipped sessions left as they were (an existing id, with {@code SKIP})
 * @param events events written
 */
public record Summary(long appTiers, long userTiers, long sessions, long skipped, long events) {
}
