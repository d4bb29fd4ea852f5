package dev.agentsession;

import dev.agentsession.internal.InputRules;
import dev.agentsession.internal.JsonValues;
import java.util.Map;

/**
 * One tool call made during an event: the tool's name, the input it was called with and the
 * output it returned.
 *
 * <p>{@code input} is a JSON object and {@code output} any JSON value (see <a href="package-summary.html#json">JSON values</a>
 * for what that admits and how numbers come back). Both are deep-copied and unmodifiable; a
 * {@code null} input becomes an empty map, a {@code null} output stays {@code null}.
 *
 * @param toolName the tool's name; required, non-blank, at most {@link Limits#MAX_NAME_LENGTH}
 * @param input the arguments of the call
 * @param output the result of the call, or {@code null} while there is none
 */
public record Action(String toolName, Map<String, Object> input, Object output) {

    /**
     * @throws IllegalArgumentException naming the field, for a blank tool name or a value that
     *     is not JSON-shaped
     */
    public Action {
        InputRules.requireName("toolName", toolName);
        input = JsonValues.copyObject("input", input);
        output = JsonValues.copyValue("output", output);
    }

    /** An action with the given tool name and input, and no output yet. */
    public static Action of(String toolName, Map<String, ?> input) {
        return new Action(toolName, widen(input), null);
    }

    /** An action with the given tool name, input and output. */
    public static Action of(String toolName, Map<String, ?> input, Object output) {
        return new Action(toolName, widen(input), output);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> widen(Map<String, ?> input) {
        return (Map<String, Object>) input;
    }
}
