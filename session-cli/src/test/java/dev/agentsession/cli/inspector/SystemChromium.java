package dev.agentsession.cli.inspector;

import dev.agentsession.conformance.LocalTools;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven
 * through its own chromedriver: nothing is downloaded. Without them a test is skipped saying so,
 * except in CI ({@code CI=true}), where {@code .ci/run} installs them and their absence fails.
 */
final class SystemChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private SystemChromium() {
    }

    /** @return a new headless browser with a fresh profile; the caller quits it */
    static ChromeDriver start(Path profile) {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String missing = "Debian's chromium and chromium-driver are not installed (" + BROWSER + ", " + DRIVER
                + "): apt-get install chromium chromium-driver";
        LocalTools.require(present, missing);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // Flags that keep a headless browser from reaching for the network this machine does not have.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1360,900", "--user-data-dir=" + profile.toAbsolutePath(),
                "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
