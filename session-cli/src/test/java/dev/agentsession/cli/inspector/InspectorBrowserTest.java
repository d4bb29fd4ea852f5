package dev.agentsession.cli.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inspector page in a real browser (headless Chromium) over a SQLite store, as a person uses
 * it: follow the printed link, pick the app, the user and the session, read the tool call, watch
 * a new event arrive. Screenshots go to {@code target/inspector-screenshots/}.
 */
class InspectorBrowserTest {

    private static final AccessToken TOKEN = AccessToken.random();
    private static final Path SCREENSHOTS = Path.of("target", "inspector-screenshots");

    @TempDir
    Path folder;

    private SessionService store;
    private Inspector inspector;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() {
        store = SessionServices.open("sqlite:" + folder.resolve("inspected.db"));
        Conversations.trip(store);
        Conversations.more(store, Conversations.APP, Conversations.USER, 3);
        inspector = Inspector.start(store, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN);
        browser = SystemChromium.start(folder.resolve("profile"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop(TestInfo test) throws IOException {
        if (browser != null) {
            screenshot(test.getTestMethod().orElseThrow().getName() + "-end");
            browser.quit();
        }
        if (inspector != null) {
            inspector.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private WebElement visible(By by) {
        return wait.withMessage(() -> "waiting for " + by + " on " + browser.getCurrentUrl())
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void openTrip() {
        browser.get(inspector.link().toString());
        visible(By.linkText(Conversations.APP)).click();
        visible(By.linkText(Conversations.USER)).click();
        visible(By.cssSelector("a.session-link[data-session='" + Conversations.TRIP + "']")).click();
        visible(By.id("event-4"));
    }

    @Test
    @DisplayName("a request without the token is refused, and the page says how to get in")
    void refusesWithoutTheToken() {
        browser.get(inspector.uri().toString());
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("needs the access token");
        browser.get(inspector.uri().resolve("/api/apps").toString());
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("needs the access token")
                .doesNotContain(Conversations.APP);
    }

    @Test
    @DisplayName("the link opens the app list; the token leaves the address bar")
    void linkOpensTheList() {
        browser.get(inspector.link().toString());
        assertThat(visible(By.cssSelector("#apps a.app-link")).getText()).isEqualTo(Conversations.APP);
        assertThat(browser.getCurrentUrl()).doesNotContain("token");
    }

    @Test
    @DisplayName("a user's sessions are listed newest first, and a conversation shows turns, reasoning folded and tool"
            + " calls with their pretty-printed input and output")
    void opensASessionAndShowsTheToolCall() throws IOException {
        browser.get(inspector.link().toString());
        visible(By.linkText(Conversations.APP)).click();
        visible(By.linkText(Conversations.USER)).click();
        List<String> listed = visible(By.id("sessions")).findElements(By.cssSelector("a.session-link")).stream()
                .map(link -> link.getAttribute("data-session")).toList();
        assertThat(listed).containsExactly("alice-3", "alice-2", "alice-1", Conversations.TRIP);

        visible(By.cssSelector("a.session-link[data-session='" + Conversations.TRIP + "']")).click();
        WebElement answer = visible(By.id("event-2"));
        assertThat(answer.findElement(By.className("author")).getText()).isEqualTo("planner");
        assertThat(answer.findElement(By.className("content")).getText()).startsWith("Light rain, 18 °C");
        WebElement time = answer.findElement(By.tagName("time"));
        assertThat(time.getAttribute("title")).startsWith("UTC ").endsWith("Z");
        WebElement reasoning = answer.findElement(By.cssSelector("details.reasoning"));
        assertThat(reasoning.getAttribute("open")).as("reasoning starts folded").isNull();
        assertThat(reasoning.findElement(By.tagName("pre")).isDisplayed()).isFalse();
        reasoning.findElement(By.tagName("summary")).click();
        assertThat(reasoning.findElement(By.tagName("pre")).getText()).startsWith("The user wants a forecast");

        List<WebElement> tools = answer.findElements(By.className("action"));
        assertThat(tools).hasSize(2);
        assertThat(tools.get(0).findElement(By.className("tool-name")).getText()).isEqualTo("get_forecast");
        assertThat(tools.get(0).findElement(By.className("action-input")).getText())
                .isEqualTo("{\n  \"city\": \"Kyoto\",\n  \"days\": 1\n}");
        assertThat(tools.get(0).findElement(By.className("action-output")).getText())
                .contains("\"conditions\": \"light rain\"").contains("\"temperature_c\": 18");
        assertThat(tools.get(1).findElement(By.className("action-output")).getText()).isEqualTo("no output yet");
        assertThat(answer.findElement(By.className("running")).getText()).isEqualTo("booking-77");
        assertThat(answer.findElement(By.cssSelector("details.delta pre")).getText()).contains("\"city\": \"Kyoto\"");
        assertThat(browser.findElement(By.id("session-metadata")).getText()).contains("\"channel\": \"web\"");
        assertThat(browser.findElement(By.id("session-state")).getText()).contains("\"user:trips\": 1");

        answer.findElement(By.className("state-button")).click();
        assertThat(visible(By.cssSelector("#event-2 .state-snapshot")).getText()).contains("\"city\": \"Kyoto\"")
                .contains("\"user:name\": \"Alice\"");
        browser.manage().window().setSize(new Dimension(1360, 1700));
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("conversation");
    }

    @Test
    @DisplayName("markup in a conversation stays visible text: a <script> never runs")
    void markupStaysText() {
        openTrip();
        WebElement content = browser.findElement(By.cssSelector("#event-3 .content"));
        assertThat(content.getText()).isEqualTo(Conversations.SCRIPT);
        assertThat(content.findElements(By.xpath("./*"))).as("no element made from the content").isEmpty();
        assertThat(browser.executeScript("return window.injected === undefined")).isEqualTo(true);
    }

    @Test
    @DisplayName("a new event appears while the conversation is open, without reloading")
    void newEventsAppearWhileWatching() throws IOException {
        openTrip();
        browser.executeScript("window.stillTheSamePage = true");
        Session session = store.get(new GetRequest(Conversations.APP, Conversations.USER, Conversations.TRIP))
                .orElseThrow();
        session.addEvent(AddEventOptions.builder("planner").content("Your ryokan is confirmed.")
                .action(Action.of("book_ryokan", Map.of("nights", 2), Map.of("confirmation", "RY-2231")))
                .stateDelta(Map.of("booking", "RY-2231")).build());

        WebElement arrived = visible(By.id("event-5"));
        assertThat(arrived.findElement(By.className("content")).getText()).isEqualTo("Your ryokan is confirmed.");
        assertThat(arrived.findElement(By.className("action-output")).getText()).contains("RY-2231");
        wait.until(ExpectedConditions.textToBe(By.id("event-count"), "5"));
        assertThat(browser.findElement(By.id("session-state")).getText()).contains("\"booking\": \"RY-2231\"");
        assertThat(browser.executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
        screenshot("new-event");
    }

    @Test
    @DisplayName("a session is found by its id from the search box")
    void findsASessionById() {
        browser.get(inspector.link().toString());
        visible(By.id("find-id")).sendKeys(Conversations.TRIP);
        browser.findElement(By.cssSelector("#find button")).click();
        assertThat(visible(By.id("session-id")).getText()).isEqualTo(Conversations.TRIP);
        visible(By.id("event-4"));

        browser.findElement(By.id("find-id")).clear();
        browser.findElement(By.id("find-id")).sendKeys("no-such-session");
        browser.findElement(By.cssSelector("#find button")).click();
        assertThat(visible(By.id("not-found")).getText()).isEqualTo("No session has this id.");
    }

    /** A session of {@code count} events, "turn 1" to "turn N", then the page opened at {@code fragment}. */
    private void openLong(int count, String fragment) {
        Session session = store.create(dev.agentsession.CreateRequest.builder(Conversations.APP, Conversations.USER,
                "helper").sessionId("long").build());
        for (int i = 1; i <= count; i++) {
            session.addEvent(AddEventOptions.of(i % 2 == 1 ? "user" : "helper", "turn " + i));
        }
        browser.get(inspector.link().toString());
        visible(By.id("apps"));
        browser.get(inspector.uri() + fragment);
    }

    private List<Long> shownSequences() {
        return browser.findElements(By.cssSelector("#events article.event")).stream()
                .map(card -> Long.parseLong(card.getAttribute("data-sequence"))).toList();
    }

    @Test
    @DisplayName("a long conversation opens at its newest 200 events; 'Load older' brings the pages before, down to the first")
    void pagesALongConversation() throws IOException {
        openLong(450, "#/a/" + Conversations.APP + "/u/" + Conversations.USER + "/s/long");
        visible(By.id("event-450"));
        assertThat(shownSequences()).hasSize(200).startsWith(251L).endsWith(450L);
        screenshot("long-conversation");

        visible(By.id("load-older")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("event-51")));
        assertThat(shownSequences()).hasSize(400).startsWith(51L).endsWith(450L);

        visible(By.id("load-older")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("event-1")));
        assertThat(shownSequences()).hasSize(450).startsWith(1L).endsWith(450L).isSorted();
        assertThat(browser.findElement(By.id("load-older")).isDisplayed()).isFalse();
    }

    @Test
    @DisplayName("an address with a sequence opens the page around that event, marked, with newer events on demand")
    void opensAtASequence() {
        openLong(450, "#/a/" + Conversations.APP + "/u/" + Conversations.USER + "/s/long/e/10");
        assertThat(visible(By.id("event-10")).getAttribute("class")).contains("target");
        assertThat(shownSequences()).startsWith(1L).endsWith(110L);
        assertThat(browser.findElement(By.id("load-older")).isDisplayed()).isFalse();

        visible(By.id("load-newer")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("event-310")));
        assertThat(shownSequences()).hasSize(310);
        assertThat(browser.findElement(By.cssSelector("#event-20 a.seq")).getAttribute("href"))
                .endsWith("#/a/" + Conversations.APP + "/u/" + Conversations.USER + "/s/long/e/20");
    }

    @Test
    @DisplayName("an address that names nothing shows an error on the page, not a blank one")
    void malformedAddress() {
        browser.get(inspector.link().toString());
        visible(By.id("apps"));
        for (String fragment : List.of("#/a/%E0%A4%A", "#/x/y", "#/a/app/u/user/s/id/e/zero")) {
            browser.get(inspector.uri() + fragment);
            assertThat(visible(By.id("bad-address")).getText()).contains("does not name an app, user, session or event");
            visible(By.id("apps"));
        }
    }

    @Test
    @DisplayName("the app list is paged, 100 at a time")
    void pagesTheApps() {
        for (int i = 0; i < 105; i++) {
            store.create(dev.agentsession.CreateRequest.of(String.format("app-%03d", i), "u", "agent"));
        }
        browser.get(inspector.link().toString());
        visible(By.id("apps"));
        assertThat(browser.findElements(By.cssSelector("#apps a.app-link"))).hasSize(100);

        visible(By.cssSelector("button.next-names")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#apps a.app-link"), 6));
        assertThat(browser.findElements(By.cssSelector("#apps a.app-link"))).extracting(WebElement::getText)
                .contains("app-104", Conversations.APP);
    }
}
