package dev.praetor.gateway;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Map;

/** Which headers cross the gateway, in each direction. */
final class ProxyHeaders {

    /** The workspace a request acts in; services scope every query by it. Never taken from a client. */
    static final CharSequence WORKSPACE_ID = HttpHeaders.createOptimized("X-Praetor-Workspace-Id");
    /** The account named by the Cloud-style prefix. Never taken from a client. */
    static final CharSequence ACCOUNT_ID = HttpHeaders.createOptimized("X-Praetor-Account-Id");
    /** The prefix the request came through, so a service can build absolute URLs (e.g. events' next_page). */
    static final CharSequence FORWARDED_PREFIX = HttpHeaders.createOptimized("X-Forwarded-Prefix");

    /** Headers in this namespace are internal: only the gateway sets them. */
    private static final String INTERNAL_PREFIX = "x-praetor-";
    private static final CharSequence UPGRADE = HttpHeaders.createOptimized("Upgrade");

    private ProxyHeaders() {
    }

    /** A WebSocket handshake: GET with {@code Upgrade: websocket} and {@code Connection: upgrade}. */
    static boolean isWebSocketUpgrade(HttpServerRequest request) {
        MultiMap headers = request.headers();
        String upgrade = headers.get(UPGRADE);
        if (upgrade == null || !HttpMethod.GET.equals(request.method()) || request.version() != HttpVersion.HTTP_1_1) {
            return false;
        }
        String connection = headers.get(HttpHeaders.CONNECTION);
        return AsciiString.containsIgnoreCase(upgrade, HttpHeaders.WEBSOCKET)
                && connection != null && AsciiString.containsIgnoreCase(connection, UPGRADE);
    }

    /**
     * Copies the end-to-end headers of a client request to the upstream request: hop-by-hop headers and the
     * internal namespace stay behind. For a protocol upgrade (WebSocket), the Upgrade handshake headers go along.
     */
    static void copyRequestHeaders(MultiMap from, MultiMap to, boolean upgrade) {
        String connectionOptions = connectionOptions(from.get(HttpHeaders.CONNECTION));
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!isHopByHop(name) && !isInternal(name) && !isListed(connectionOptions, name)) {
                to.add(name, header.getValue());
            }
        }
        if (upgrade) {
            to.set(HttpHeaders.CONNECTION, UPGRADE);
            to.set(UPGRADE, from.get(UPGRADE));
        }
    }

    /** Copies the end-to-end headers of an upstream response to the client response. */
    static void copyResponseHeaders(MultiMap from, MultiMap to) {
        String connectionOptions = connectionOptions(from.get(HttpHeaders.CONNECTION));
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!isHopByHop(name) && !isListed(connectionOptions, name)) {
                to.add(name, header.getValue());
            }
        }
    }

    /**
     * Hop-by-hop headers (RFC 9110 §7.6.1, plus the common proxy-connection), and Expect: the gateway answers
     * {@code 100-continue} itself once it knows the body is acceptable.
     */
    static boolean isHopByHop(String name) {
        return switch (name.length()) {
            case 2 -> name.equalsIgnoreCase("te");
            case 6 -> name.equalsIgnoreCase("expect");
            case 7 -> name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("trailer");
            case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
            case 16 -> name.equalsIgnoreCase("proxy-connection");
            case 17 -> name.equalsIgnoreCase("transfer-encoding");
            case 18 -> name.equalsIgnoreCase("proxy-authenticate");
            case 19 -> name.equalsIgnoreCase("proxy-authorization");
            default -> false;
        };
    }

    private static boolean isInternal(String name) {
        return name.regionMatches(true, 0, INTERNAL_PREFIX, 0, INTERNAL_PREFIX.length());
    }

    /**
     * The Connection header's value when it names headers to drop (RFC 9110 §7.6.1), or null for the usual values
     * that name none, so the common case costs nothing per header.
     */
    private static String connectionOptions(String connection) {
        if (connection == null || connection.equalsIgnoreCase("keep-alive") || connection.equalsIgnoreCase("close")
                || connection.equalsIgnoreCase("upgrade")) {
            return null;
        }
        return connection;
    }

    private static boolean isListed(String connectionOptions, String name) {
        if (connectionOptions == null) {
            return false;
        }
        for (String option : connectionOptions.split(",")) {
            if (option.trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
