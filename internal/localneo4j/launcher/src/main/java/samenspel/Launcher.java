package samenspel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community with Bolt on 127.0.0.1:PORT and data in DIR until it is told to stop.
 *
 * <p>Usage: {@code java -cp ... samenspel.Launcher DIR PORT}. It prints {@code READY PORT} on
 * standard output once Bolt accepts connections. It stops cleanly on SIGTERM/SIGINT and also when
 * its standard input reaches end-of-file, so a parent that dies never leaves a database behind.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher DATA_DIR PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                // Local development and tests only: the server listens on loopback alone.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                .build();

        Object lock = new Object();
        Thread hook = new Thread(() -> {
            synchronized (lock) {
                dbms.shutdown();
            }
        }, "neo4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        // Ensure the default database is up before announcing readiness.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("READY " + port);
        System.out.flush();

        // Block until stdin closes (parent gone or asked us to stop), then exit; the hook shuts down.
        InputStream in = System.in;
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // treat as end of input
        }
        System.exit(0);
    }
}
