package dev.agentsession.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("secrets")
class SecretsTest {

    @ParameterizedTest(name = "{0}")
    @DisplayName("every URL form a store accepts is masked by one rule")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db/app?user=u&password=s3cret&ssl=true | jdbc:postgresql://db/app?user=u&password=****&ssl=true
            jdbc:mysql://db/app?PASSWORD=s3cret                      | jdbc:mysql://db/app?PASSWORD=****
            jdbc:postgresql://db/app?sslpassword=s3cret&user=u       | jdbc:postgresql://db/app?sslpassword=****&user=u
            jdbc:mysql://db/app?user=u&password1=s3cret&password2=t0p | jdbc:mysql://db/app?user=u&password1=****&password2=****
            jdbc:postgresql://db/app?oauthClientSecret=s3cret         | jdbc:postgresql://db/app?oauthClientSecret=****
            jdbc:mysql://db/app?accessToken=s3cret;ssl=true           | jdbc:mysql://db/app?accessToken=****;ssl=true
            jdbc:sqlserver://db;user=u;password=s3cret;encrypt=true   | jdbc:sqlserver://db;user=u;password=****;encrypt=true
            jdbc:mariadb://u:s3cret@db:3306/app                       | jdbc:mariadb://u:****@db:3306/app
            jdbc:mariadb://u:s3/cr:et@db:3306/app                     | jdbc:mariadb://u:****@db:3306/app
            jdbc:mariadb://u:s3@cret@db:3306/app                      | jdbc:mariadb://u:****@db:3306/app
            jdbc:mysql://address=(host=db)(port=3306)(user=u)(password=s3cret)/app | jdbc:mysql://address=(host=db)(port=3306)(user=u)(password=****)/app
            jdbc:mysql://(host=db,port=3306,user=u,password=s3cret)/app | jdbc:mysql://(host=db,port=3306,user=u,password=****)/app
            postgres://u:s3cret@db:5432/app                           | postgres://u:****@db:5432/app
            postgres://ann@corp:s3cret@db:5432/app                    | postgres://ann@corp:****@db:5432/app
            redis://db:6379/0?secret=s3cret                           | redis://db:6379/0?secret=****
            sqlite:/tmp/a.db                                          | sqlite:/tmp/a.db
            jdbc:postgresql://db/app?user=u&ssl=true                  | jdbc:postgresql://db/app?user=u&ssl=true
            """)
    void masksEveryForm(String url, String masked) {
        assertThat(Secrets.maskUrl(url)).isEqualTo(masked).doesNotContain("s3").doesNotContain("t0p");
    }

    @Test
    @DisplayName("a secret ends at a space, so the message after the URL stays readable")
    void secretEndsAtSpace() {
        assertThat(Secrets.maskUrl("cannot connect to jdbc:mariadb://h/db?password1=s3cret: Connection refused"))
                .isEqualTo("cannot connect to jdbc:mariadb://h/db?password1=**** Connection refused");
    }

    @Test
    @DisplayName("scrub removes a known password anywhere in a message")
    void scrubs() {
        assertThat(Secrets.scrub("login failed for u with s3cret at jdbc:x://h/d?password=other", "s3cret"))
                .doesNotContain("s3cret").doesNotContain("other");
    }
}
