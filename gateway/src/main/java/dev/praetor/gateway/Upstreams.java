package dev.praetor.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/** The configured upstream services, each with pooled keep-alive HTTP/1.1 clients for the life of the gateway. */
@Singleton
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);

    private final Map<String, Upstream> byName = new HashMap<>();

    Upstreams(Vertx vertx, GatewayConfig config) {
        TreeSet<String> unknown = new TreeSet<>(config.upstream().keySet());
        unknown.removeAll(RoutingTable.UPSTREAM_NAMES);
        if (!unknown.isEmpty()) {
            // A misspelt name would silently leave a service unrouted: refuse to start instead.
            throw new IllegalArgumentException("Unknown praetor.gateway.upstream names " + unknown
                    + "; known names are " + new TreeSet<>(RoutingTable.UPSTREAM_NAMES));
        }
        for (Map.Entry<String, String> entry : config.upstream().entrySet()) {
            URI url = parseBaseUrl(entry.getKey(), entry.getValue());
            HttpClientOptions options = new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_1_1)
                    .setKeepAlive(true)
                    .setPipelining(false)
                    .setTcpNoDelay(true)
                    .setDefaultHost(url.getHost())
                    .setDefaultPort(url.getPort() < 0 ? 80 : url.getPort())
                    .setConnectTimeout((int) config.upstreamConnectTimeout().toMillis())
                    // Well below the idle timeout of Quarkus services (30 min), so the gateway closes idle
                    // connections before a service does and never sends on a half-closed one.
                    .setKeepAliveTimeout(60)
                    .setName("praetor-gateway-" + entry.getKey());
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.upstreamPoolSize());
            SocketAddress address = SocketAddress.inetSocketAddress(options.getDefaultPort(), options.getDefaultHost());
            byName.put(entry.getKey(),
                    new Upstream(entry.getKey(), address, () -> vertx.createHttpClient(options, pool)));
            LOG.infof("Routing upstream %s to %s", entry.getKey(), url);
        }
    }

    private static URI parseBaseUrl(String name, String value) {
        URI url = URI.create(value.trim());
        boolean rootPath = url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/");
        if (!"http".equals(url.getScheme()) || url.getHost() == null || !rootPath || url.getRawQuery() != null) {
            throw new IllegalArgumentException("praetor.gateway.upstream." + name
                    + " must be a base URL like http://host:port (services serve Prefect paths at their root): " + value);
        }
        return url;
    }

    /** @return the upstream, or null when that name is not configured */
    Upstream get(String name) {
        return byName.get(name);
    }

    Collection<Upstream> all() {
        return byName.values();
    }

    @PreDestroy
    void close() {
        byName.values().forEach(Upstream::close);
    }
}
