import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;

/**
 * Runs mongo-java-server (a MongoDB wire-protocol server, in memory) until the JVM is stopped.
 * Started by infra/mongo/start.sh with the single-file source launcher:
 *
 * <pre>java [-Dquotient.mongo.wireVersion=9] -cp '&lt;lib&gt;/*' MongoMain.java [port]</pre>
 *
 * Netty's non-daemon threads keep the JVM alive; SIGTERM runs the shutdown hook. All data is lost on stop.
 *
 * <p>Reported version: mongo-java-server 1.47.0 announces maxWireVersion 8 by default, but the Node
 * {@code mongodb} driver 7.x refuses servers below wire version 9 (MongoDB 4.4). The version only changes what
 * {@code isMaster}/{@code buildInfo} report (nothing else in the server reads it), so this launcher announces
 * MongoDB 4.4 / wire version 9 unless {@code -Dquotient.mongo.wireVersion} says otherwise.
 */
public class MongoMain {

    /** A reported server version: version array and wire version. */
    record ReportedVersion(List<Integer> versionArray, int wireVersion) implements MongoVersion {
        @Override
        public List<Integer> getVersionArray() {
            return versionArray;
        }

        @Override
        public int getWireVersion() {
            return wireVersion;
        }

        static ReportedVersion forWireVersion(int wire) {
            List<Integer> v;
            if (wire >= 25) v = List.of(8, 0, 0);
            else if (wire >= 21) v = List.of(7, 0, 0);
            else if (wire >= 17) v = List.of(6, 0, 0);
            else if (wire >= 13) v = List.of(5, 0, 0);
            else if (wire >= 9) v = List.of(4, 4, 0);
            else if (wire >= 8) v = List.of(4, 2, 0);
            else v = List.of(4, 0, 0);
            return new ReportedVersion(v, wire);
        }
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        int wire = Integer.getInteger("quotient.mongo.wireVersion", 9);
        ReportedVersion version = ReportedVersion.forWireVersion(wire);

        MemoryBackend backend = new MemoryBackend();
        backend.version(version);
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("mongo-java-server: shutting down");
            server.shutdownNow();
        }, "mongo-shutdown"));
        System.out.println("mongo-java-server listening on " + host + ":" + port + " (reports MongoDB "
                + version.toVersionString() + ", maxWireVersion " + wire + ")");
    }
}
