package dev.agentsession.langchain4j;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LangChain4j chat memory store on SQLite")
class SqliteChatMemoryStoreTest extends ChatMemoryStoreContract {

    @TempDir
    Path folder;

    @Override
    SessionService openStore() {
        return SessionServices.open("sqlite:" + folder.resolve("chat.db"));
    }
}
