import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Runs mongo-java-server (a MongoDB wire-protocol server, in memory) until the JVM is stopped.
 * Started by infra/mongo/start.sh with the single-file source launcher:
 *
 * <pre>java -cp '&lt;lib&gt;/*' MongoMain.java [port] [host]</pre>
 *
 * Netty's non-daemon threads keep the JVM alive; SIGTERM runs the shutdown hook. All data is lost on stop.
 */
public class MongoMain {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("mongo-java-server: shutting down");
            server.shutdownNow();
        }, "mongo-shutdown"));
        System.out.println("mongo-java-server listening on " + host + ":" + port);
    }
}
