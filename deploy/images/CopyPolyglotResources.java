// Unpacks the internal resources of the Graal languages on the class path (GraalPy's standard library and
// its native pieces) into one directory, for an image whose application cannot write them at start: the
// image's file system is read-only to the service's user, and HOME (where Truffle would unpack them on first
// use) is /opt/timeflow. The image's start script points polyglot.engine.resourcePath at that directory.
//
//   java -cp '<quarkus-app>/lib/main/*' deploy/images/CopyPolyglotResources.java <directory>
//
// (a single-file program run by ImageBuild with the build's JDK, on the application's own jars, so the
// resources are exactly those of the language versions the image ships)
import java.nio.file.Path;
import org.graalvm.polyglot.Engine;

class CopyPolyglotResources {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CopyPolyglotResources <directory>");
            System.exit(2);
        }
        if (!Engine.copyResources(Path.of(args[0]))) {
            System.err.println("no language on the class path has internal resources");
            System.exit(1);
        }
    }
}
