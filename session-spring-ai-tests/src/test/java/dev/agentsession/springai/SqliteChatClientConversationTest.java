package dev.agentsession.springai;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Spring AI ChatClient conversation on SQLite")
class SqliteChatClientConversationTest extends ChatClientConversationContract {

    @TempDir
    Path folder;

    @Override
    SessionService openStore() {
        return SessionServices.open("sqlite:" + folder.resolve("chat.db"));
    }
}
