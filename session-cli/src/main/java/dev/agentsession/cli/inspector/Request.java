package dev.agentsession.cli.inspector;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the inspector reads from one request: its path, query parameters and cookies. */
final class Request {

    private final String path;
    private final Map<String, String> query;
    private final HttpExchange exchange;

    Request(HttpExchange exchange) {
        this.exchange = exchange;
        this.path = exchange.getRequestURI().getRawPath();
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    String path() {
        return path;
    }

    /** @return the parameter, or null when absent */
    String parameter(String name) {
        return query.get(name);
    }

    /** @throws BadRequest naming the parameter when it is absent or blank */
    String required(String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new BadRequest("the parameter '" + name + "' is required");
        }
        return value;
    }

    /** @throws BadRequest naming the parameter when it is not a whole number in range */
    long number(String name, long fallback, long min, long max) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new BadRequest("the parameter '" + name + "' must be between " + min + " and " + max
                        + ", was " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadRequest("the parameter '" + name + "' must be a whole number, was '" + value + "'");
        }
    }

    /** @return the first header of that name, or null */
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** @return the value of the cookie of that name, or null */
    String cookie(String name) {
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                    return pair.substring(equals + 1).trim();
                }
            }
        }
        return null;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(decode(name), decode(value));
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the query is not properly encoded");
        }
    }

    /** A request the inspector cannot answer as asked: answered with 400 and this message. */
    static final class BadRequest extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
