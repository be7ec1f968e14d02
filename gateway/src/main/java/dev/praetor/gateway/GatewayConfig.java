package dev.praetor.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the gateway, under {@code praetor.gateway.*}. */
@ConfigMapping(prefix = "praetor.gateway")
public interface GatewayConfig {

    /**
     * Base URL ({@code http://host:port}) of each upstream service by name: flows, runs, deployments, artifacts,
     * config, events. A name left out is not routed: its paths answer 404.
     */
    Map<String, String> upstream();

    /** Workspace that the plain {@code /api/...} prefix acts in. */
    @WithDefault("00000000-0000-0000-0000-000000000000")
    String defaultWorkspaceId();

    /** When false, plain {@code /api/<resource>} paths answer 404: only the Cloud-style prefix reaches services. */
    @WithDefault("true")
    boolean defaultWorkspaceEnabled();

    /** The Prefect package version reported by {@code GET /admin/version}; the client compares its major version. */
    @WithDefault("3.9.1")
    String prefectVersion();

    /** Largest request body forwarded; larger ones answer 413. */
    @WithDefault("5242880")
    long maxBodyBytes();

    /** How long an upstream may take to start its answer (status and headers) before the gateway answers 504. */
    @WithDefault("60s")
    Duration upstreamTimeout();

    /** How long to wait for a pooled upstream connection (or a new one) before answering 503. */
    @WithDefault("5s")
    Duration upstreamConnectTimeout();

    /** Keep-alive connections per upstream and event loop (the gateway keeps one client per event loop). */
    @WithDefault("64")
    int upstreamPoolSize();

    /** How long a {@code GET /ready} answer is reused before the upstreams are asked again. */
    @WithDefault("2s")
    Duration readyCacheTtl();

    /** How long each upstream gets to answer its readiness probe. */
    @WithDefault("1s")
    Duration readyCheckTimeout();

    /** Bearer token of the admin API ({@code /admin/*}); the admin API answers 404 when none is set. */
    Optional<String> adminToken();

    /** Who may call the API. */
    Auth auth();

    /** Per-workspace request rate limits. */
    RateLimit rateLimit();

    interface Auth {

        /**
         * Prefect's {@code PREFECT_SERVER_API_AUTH_STRING}: when set, a request must carry
         * {@code Authorization: Basic base64(auth string)} or a valid API key.
         */
        Optional<String> basicAuthString();

        /** Whether the plain {@code /api} prefix (the default workspace) needs credentials. */
        @WithDefault("false")
        boolean defaultWorkspaceRequiresKey();

        /** Whether the Cloud-style prefix needs an API key of the workspace it names. */
        @WithDefault("true")
        boolean workspacePrefixRequiresKey();

        /** How long a key lookup is reused; bounds how long a revoked key keeps working on each replica. */
        @WithDefault("1s")
        Duration keyCacheTtl();
    }

    /**
     * The default limit, for workspaces without their own (set with the admin API, which applies even when this is
     * off). Enforced per gateway replica: with N replicas a workspace may reach N times the rate.
     */
    interface RateLimit {

        @WithDefault("false")
        boolean enabled();

        /** Sustained requests per second per workspace (the bucket's refill rate). */
        @WithDefault("50")
        double requestsPerSecond();

        /** Requests a workspace may make at once after a quiet period (the bucket's size). */
        @WithDefault("100")
        int burst();

        /** How long a replica uses a workspace's limit before reading it again: bounds how long a change takes. */
        @WithDefault("5s")
        Duration settingsTtl();
    }
}
