package dev.agentsession.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.CreateRequest;
import dev.agentsession.SessionService;
import dev.agentsession.spi.StoreCatalog;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreCatalog#scopesOf}'s default, for catalogs of other backends that do not answer it
 * themselves: a store that forwards everything to the memory backend except that one method.
 */
class StoreCatalogDefaultTest {

    private static StoreCatalog withDefaultScopesOf(MemorySessionService store) {
        InvocationHandler forward = (proxy, method, args) -> {
            if (method.getName().equals("scopesOf")) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (StoreCatalog) Proxy.newProxyInstance(StoreCatalog.class.getClassLoader(),
                new Class<?>[] {SessionService.class, StoreCatalog.class}, forward);
    }

    @Test
    @DisplayName("the default walks every scope through get and finds the same scopes the backend does")
    void defaultWalksTheScopes() {
        try (MemorySessionService store = MemorySessionService.create()) {
            store.create(CreateRequest.builder("b-app", "zoe", "agent").sessionId("shared").build());
            store.create(CreateRequest.builder("a-app", "yan", "agent").sessionId("shared").build());
            store.create(CreateRequest.builder("a-app", "xia", "agent").sessionId("other").build());
            StoreCatalog catalog = withDefaultScopesOf(store);

            assertThat(catalog.scopesOf("shared")).containsExactly(new StoreCatalog.Scope("a-app", "yan"),
                    new StoreCatalog.Scope("b-app", "zoe")).isEqualTo(store.scopesOf("shared"));
            assertThat(catalog.scopesOf("missing")).isEmpty();
            assertThatThrownBy(() -> catalog.scopesOf("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sessionId");
        }
    }

    @Test
    @DisplayName("a catalog that is not a SessionService and does not answer says so")
    void catalogWithoutAServiceCannotFind() {
        StoreCatalog bare = new StoreCatalog() {
            @Override
            public List<String> appNames() {
                return List.of();
            }

            @Override
            public List<Scope> scopes(String appName) {
                return List.of();
            }
        };
        assertThatThrownBy(() -> bare.scopesOf("s")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot find sessions by id");
    }
}
