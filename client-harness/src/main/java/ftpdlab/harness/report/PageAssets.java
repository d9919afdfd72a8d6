package ftpdlab.harness.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The scripts and styles report.html inlines: uPlot's JS and CSS from its webjar on the classpath
 * (version from the webjar's own pom.properties, so the pom is the one place that names it) and
 * the page's chart code. Inlined, not linked: the page must open offline, from one file.
 */
final class PageAssets {

    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    static final String UPLOT_VERSION = uplotVersion();
    static final String UPLOT_JS = read(uplotDist("uPlot.iife.min.js"));
    static final String UPLOT_CSS = read(uplotDist("uPlot.min.css"));
    static final String CHARTS_JS = read("/ftpdlab/harness/report/charts.js");

    private PageAssets() {
    }

    private static String uplotDist(String file) {
        return "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/" + file;
    }

    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = open(WEBJAR_POM)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static String read(String resource) {
        try (InputStream in = open(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String lower = text.toLowerCase(Locale.ROOT);
            // inside <script> or <style>, "</" followed by the tag name would end the element early
            if (lower.contains("</script") || lower.contains("</style")) {
                throw new IllegalStateException(resource + " cannot be inlined: it contains an end tag");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = PageAssets.class.getResourceAsStream(resource);
        if (in == null) {
            // a broken build (webjar missing from the jar), not a user error
            throw new IOException("resource " + resource + " is not on the classpath");
        }
        return in;
    }
}
