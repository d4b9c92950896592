import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one {@code @FuzzTest} method through the JUnit Platform launcher (a child of {@code FuzzAll.java}, which
 * sets {@code JAZZER_FUZZ=1} and the time budget). Exit status 0 when the target ran and found nothing.
 */
public class FuzzOne {
    public static void main(String[] args) throws Exception {
        Class<?> c = Class.forName(args[0]);
        Method m = Stream.of(c.getDeclaredMethods()).filter(x -> x.getName().equals(args[1])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + args[1] + " in " + args[0]));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(c, m)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        s.printFailuresTo(new PrintWriter(System.out, true), 30);
        System.out.printf("tests: %d succeeded, %d failed, %d skipped%n", s.getTestsSucceededCount(),
                s.getTestsFailedCount(), s.getTestsSkippedCount());
        System.exit(s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
