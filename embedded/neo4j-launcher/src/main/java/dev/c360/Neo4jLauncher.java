package dev.c360;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

import picocli.CommandLine;

/**
 * Starts an embedded Neo4j 5.26 (community) DBMS with only the Bolt connector enabled.
 *
 * <p>Contract with the parent process: exactly one line is written to stdout,
 * {@code NEO4J_READY bolt://<host>:<port>}, once the default database is available.
 * Everything else (errors, hints) goes to stderr; Neo4j's own logs go to {@code <data-dir>/logs}.
 *
 * <p>Exit codes: 0 clean shutdown (SIGTERM/SIGINT, or stdin closed with --exit-on-stdin-close),
 * 1 startup/runtime failure, 2 bad usage/configuration.
 */
public final class Neo4jLauncher {

    private static final int EXIT_OK = 0;
    private static final int EXIT_FAILURE = 1;
    private static final int EXIT_USAGE = 2;
    private static final long AVAILABILITY_TIMEOUT_MS = 120_000;

    private static final String USAGE = String.join("\n",
            "Usage: java -cp 'target/neo4j-launcher.jar:target/lib/*' dev.c360.Neo4jLauncher [options]",
            "",
            "Options (command-line options win over environment variables):",
            "  --port <n>              Bolt port                (env NEO4J_BOLT_PORT, default 7687; 0 = pick a free port)",
            "  --data-dir <path>       Neo4j home / data dir    (env NEO4J_DATA_DIR, default ./.data/neo4j)",
            "  --listen <address>      Bolt listen address      (env NEO4J_LISTEN_ADDRESS, default 127.0.0.1)",
            "  --exit-on-stdin-close   shut down cleanly when stdin reaches EOF (parent process died)",
            "  --help                  show this help",
            "",
            "Environment only:",
            "  NEO4J_PASSWORD          password for user 'neo4j'; enables authentication.",
            "                          Required when --listen is not a loopback address.",
            "",
            "Prints exactly one line to stdout when ready: NEO4J_READY bolt://<host>:<port>");

    private static final PrintStream ERR = System.err;

    /** Raised for configuration errors: message is shown, process exits with 2. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final class Options {
        int port = 7687;
        Path dataDir = Path.of("./.data/neo4j");
        String listen = "127.0.0.1";
        String password; // null = none
        boolean exitOnStdinClose;
        boolean help;
    }

    private static final CountDownLatch STOP = new CountDownLatch(1);
    private static final AtomicBoolean SHUTDOWN_DONE = new AtomicBoolean(false);
    private static volatile DatabaseManagementService managementService;

    private Neo4jLauncher() {
    }

    public static void main(String[] args) {
        Options opts;
        try {
            opts = parse(args, System.getenv());
        } catch (UsageException e) {
            ERR.println("neo4j-launcher: " + e.getMessage());
            ERR.println();
            ERR.println(USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (opts.help) {
            ERR.println(USAGE);
            System.exit(EXIT_OK);
            return;
        }
        System.exit(run(opts));
    }

    // ------------------------------------------------------------------ configuration

    static Options parse(String[] args, Map<String, String> env) throws UsageException {
        Options o = new Options();
        String port = env.get("NEO4J_BOLT_PORT");
        String dataDir = env.get("NEO4J_DATA_DIR");
        String listen = env.get("NEO4J_LISTEN_ADDRESS");
        String password = env.get("NEO4J_PASSWORD");

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help":
                case "-h":
                    o.help = true;
                    break;
                case "--exit-on-stdin-close":
                    o.exitOnStdinClose = true;
                    break;
                case "--port":
                case "--data-dir":
                case "--listen":
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("option " + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (name.equals("--port")) {
                        port = value;
                    } else if (name.equals("--data-dir")) {
                        dataDir = value;
                    } else {
                        listen = value;
                    }
                    break;
                default:
                    throw new UsageException("unknown option: " + arg);
            }
        }

        if (port != null && !port.isBlank()) {
            try {
                o.port = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("invalid Bolt port '" + port + "' (--port / NEO4J_BOLT_PORT)");
            }
            if (o.port < 0 || o.port > 65535) {
                throw new UsageException("Bolt port out of range: " + o.port + " (--port / NEO4J_BOLT_PORT)");
            }
        }
        if (dataDir != null && !dataDir.isBlank()) {
            o.dataDir = Path.of(dataDir.trim());
        }
        if (listen != null && !listen.isBlank()) {
            o.listen = stripBrackets(listen.trim());
        }
        if (password != null && !password.isEmpty()) {
            o.password = password;
        }
        return o;
    }

    private static String stripBrackets(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    // ------------------------------------------------------------------ lifecycle

    private static int run(Options opts) {
        InetAddress listenAddress;
        try {
            listenAddress = InetAddress.getByName(opts.listen);
        } catch (UnknownHostException e) {
            ERR.println("neo4j-launcher: cannot resolve listen address '" + opts.listen
                    + "'. Set --listen / NEO4J_LISTEN_ADDRESS to an IP address such as 127.0.0.1.");
            return EXIT_USAGE;
        }
        boolean loopback = listenAddress.isLoopbackAddress();
        boolean authEnabled = opts.password != null;
        if (!loopback && !authEnabled) {
            ERR.println("neo4j-launcher: refusing to start: listen address " + opts.listen
                    + " is not a loopback address and no password is set.");
            ERR.println("  Either listen on 127.0.0.1 (--listen / NEO4J_LISTEN_ADDRESS), or set NEO4J_PASSWORD"
                    + " to enable authentication for user 'neo4j'.");
            return EXIT_USAGE;
        }

        Path home = opts.dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            ERR.println("neo4j-launcher: cannot create data directory " + home + ": " + e
                    + ". Set --data-dir / NEO4J_DATA_DIR to a writable directory.");
            return EXIT_FAILURE;
        }

        if (opts.port != 0 && !portIsFree(listenAddress, opts.port)) {
            portInUse(opts);
            return EXIT_FAILURE;
        }

        // A fresh data dir gets the password before the first start (no window with the default
        // neo4j/neo4j account); an existing one is updated after start, only if NEO4J_PASSWORD changed.
        boolean passwordNeedsAlter = false;
        if (authEnabled) {
            try {
                if (!Files.exists(home.resolve("data").resolve("databases").resolve("system"))) {
                    writeInitialPassword(home, opts.password);
                    writePasswordMarker(home, opts.password);
                } else {
                    passwordNeedsAlter = !passwordMarkerMatches(home, opts.password);
                }
            } catch (Exception e) {
                ERR.println("neo4j-launcher: cannot set the initial password for user 'neo4j': " + rootMessage(e));
                ERR.println("  Check NEO4J_PASSWORD (at least 8 characters by default).");
                return EXIT_USAGE;
            }
        }

        installSignalHandlers();

        long t0 = System.nanoTime();
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
            if (!listenAddress.isAnyLocalAddress()) {
                // a wildcard (0.0.0.0 / ::) cannot be advertised; Neo4j's default is used then
                builder.setConfig(BoltConnector.advertised_address, new SocketAddress(opts.listen, opts.port));
            }
            managementService = builder
                    // connectors: Bolt only
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(opts.listen, opts.port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(BoltConnector.server_bolt_telemetry_enabled, false)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // security
                    .setConfig(GraphDatabaseSettings.auth_enabled, authEnabled)
                    // no phoning home
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                    // Bolt shutdown: netty's graceful quiet period (default 5s, applied twice) makes SIGTERM slow
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
                    // modest resources: small machine, fast startup, small files
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(512))
                    // logs (debug.log, neo4j.log) under <data-dir>/logs, not on stdout
                    .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                    .build();
        } catch (Throwable e) {
            if (hasCause(e, BindException.class) || String.valueOf(rootMessage(e)).contains("Address already in use")) {
                portInUse(opts);
            } else {
                ERR.println("neo4j-launcher: Neo4j failed to start: " + rootMessage(e));
                ERR.println("  Details are in " + home.resolve("logs").resolve("debug.log")
                        + ". If the data directory is corrupt or from another Neo4j version,"
                        + " point --data-dir / NEO4J_DATA_DIR to an empty directory.");
                e.printStackTrace(ERR);
            }
            shutdownQuietly();
            return EXIT_FAILURE;
        }

        try {
            GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            long deadline = System.currentTimeMillis() + AVAILABILITY_TIMEOUT_MS;
            while (!db.isAvailable(1000)) {
                if (STOP.getCount() == 0) {
                    shutdownQuietly();
                    return EXIT_OK;
                }
                if (System.currentTimeMillis() > deadline) {
                    ERR.println("neo4j-launcher: database did not become available within "
                            + AVAILABILITY_TIMEOUT_MS / 1000 + "s; see " + home.resolve("logs").resolve("debug.log"));
                    shutdownQuietly();
                    return EXIT_FAILURE;
                }
            }
            if (passwordNeedsAlter) {
                applyPassword(opts.password);
                writePasswordMarker(home, opts.password);
            }

            if (STOP.getCount() == 0) { // signal arrived during startup: no ready line
                return shutdownQuietly() ? EXIT_OK : EXIT_FAILURE;
            }
            String boltUri = boltUri(db, opts);
            System.out.println("NEO4J_READY " + boltUri);
            System.out.flush();
            if (Boolean.getBoolean("neo4j.launcher.verbose")) {
                ERR.printf(Locale.ROOT, "neo4j-launcher: ready in %d ms (auth %s, data %s)%n",
                        (System.nanoTime() - t0) / 1_000_000, authEnabled ? "enabled" : "disabled", home);
            }
        } catch (Throwable e) {
            ERR.println("neo4j-launcher: Neo4j failed after startup: " + rootMessage(e));
            e.printStackTrace(ERR);
            shutdownQuietly();
            return EXIT_FAILURE;
        }

        if (opts.exitOnStdinClose) {
            startStdinWatcher();
        }

        try {
            STOP.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return shutdownQuietly() ? EXIT_OK : EXIT_FAILURE;
    }

    /** SIGTERM / SIGINT: stop via the main thread so we can exit with status 0 (a plain shutdown hook gives 143/130). */
    private static void installSignalHandlers() {
        boolean installed = false;
        try {
            sun.misc.SignalHandler handler = sig -> STOP.countDown();
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
            installed = true;
        } catch (Throwable e) {
            // fall back to the shutdown hook below
        }
        final boolean signalsHandled = installed;
        // Safety net for any other exit path (System.exit elsewhere, or signals we could not trap).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            STOP.countDown();
            boolean ok = shutdownQuietly();
            if (!signalsHandled && ok) {
                Runtime.getRuntime().halt(EXIT_OK);
            }
        }, "neo4j-launcher-shutdown"));
    }

    private static void startStdinWatcher() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[512];
            try {
                while (in.read(buf) >= 0) {
                    // discard; we only care about EOF
                }
            } catch (IOException e) {
                // treat a broken stdin like EOF
            }
            STOP.countDown();
        }, "neo4j-launcher-stdin-watcher");
        t.setDaemon(true);
        t.start();
    }

    /** @return true if shutdown succeeded (or was already done). */
    private static synchronized boolean shutdownQuietly() {
        DatabaseManagementService dbms = managementService;
        if (dbms == null || !SHUTDOWN_DONE.compareAndSet(false, true)) {
            return true;
        }
        try {
            dbms.shutdown();
            return true;
        } catch (Throwable e) {
            ERR.println("neo4j-launcher: error during shutdown: " + rootMessage(e));
            return false;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static boolean portIsFree(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void portInUse(Options opts) {
        ERR.println("neo4j-launcher: Bolt port " + opts.port + " on " + opts.listen
                + " is already in use (another Neo4j running?).");
        ERR.println("  Stop the other process, or choose another port with NEO4J_BOLT_PORT=<port> (or --port <port>).");
    }

    /**
     * Writes data/dbms/auth.ini (what `neo4j-admin dbms set-initial-password` does). Neo4j consumes it
     * only when the system database is created, i.e. on the first start of a fresh data dir.
     */
    private static void writeInitialPassword(Path home, String password) throws Exception {
        Path conf = home.resolve("conf");
        SetInitialPasswordCommand cmd = new SetInitialPasswordCommand(
                new ExecutionContext(home, conf, nullStream(), ERR,
                        new org.neo4j.io.fs.DefaultFileSystemAbstraction()));
        CommandLine.populateCommand(cmd, password);
        cmd.execute();
    }

    /** On later starts the password may have changed: make the running DBMS match NEO4J_PASSWORD. */
    private static void applyPassword(String password) {
        GraphDatabaseService system = managementService.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(rootMessage(e)).toLowerCase(Locale.ROOT);
            if (!msg.contains("same")) { // "Old password and new password cannot be the same."
                throw e;
            }
        }
    }

    /** Salted SHA-256 of the last password this launcher set, so that later starts skip the ALTER USER. */
    private static Path passwordMarker(Path home) {
        return home.resolve("data").resolve("dbms").resolve("launcher-password.sha256");
    }

    private static String passwordHash(String salt, String password) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(salt.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean passwordMarkerMatches(Path home, String password) {
        try {
            String[] parts = Files.readString(passwordMarker(home), StandardCharsets.UTF_8).trim().split(":");
            return parts.length == 2 && MessageDigest.isEqual(
                    parts[1].getBytes(StandardCharsets.UTF_8),
                    passwordHash(parts[0], password).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    private static void writePasswordMarker(Path home, String password) throws Exception {
        byte[] saltBytes = new byte[16];
        new SecureRandom().nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        Path marker = passwordMarker(home);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, salt + ":" + passwordHash(salt, password) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(marker, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep default permissions
        }
    }

    private static String boltUri(GraphDatabaseService db, Options opts) {
        String host = opts.listen;
        int port = opts.port;
        try {
            HostnamePort actual = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            if (actual != null) {
                port = actual.getPort();
            }
        } catch (RuntimeException e) {
            // keep the configured port
        }
        try {
            InetAddress a = InetAddress.getByName(host);
            if (a.isAnyLocalAddress()) {
                host = a instanceof Inet6Address ? "::1" : "127.0.0.1";
            }
        } catch (UnknownHostException e) {
            // keep as given
        }
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "bolt://" + host + ":" + port;
    }

    private static PrintStream nullStream() {
        return new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
