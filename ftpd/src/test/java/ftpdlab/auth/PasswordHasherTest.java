package ftpdlab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private static final int FAST = 1_000;

    @Test
    void roundTrip() {
        String stored = PasswordHasher.hash("s3cret".toCharArray(), FAST);
        assertThat(stored).startsWith("pbkdf2-sha256:1000:");
        assertThat(PasswordHasher.isWellFormed(stored)).isTrue();
        assertThat(PasswordHasher.verify("s3cret".toCharArray(), stored)).isTrue();
    }

    @Test
    void wrongPasswordIsRejected() {
        String stored = PasswordHasher.hash("s3cret".toCharArray(), FAST);
        assertThat(PasswordHasher.verify("s3creT".toCharArray(), stored)).isFalse();
        assertThat(PasswordHasher.verify(new char[0], stored)).isFalse();
        assertThat(PasswordHasher.verify(null, stored)).isFalse();
    }

    @Test
    void emptyPasswordCanBeHashed() {
        String stored = PasswordHasher.hash(new char[0], FAST);
        assertThat(PasswordHasher.verify(new char[0], stored)).isTrue();
        assertThat(PasswordHasher.verify("x".toCharArray(), stored)).isFalse();
    }

    @Test
    void samePasswordGetsDifferentSalts() {
        String a = PasswordHasher.hash("pw".toCharArray(), FAST);
        String b = PasswordHasher.hash("pw".toCharArray(), FAST);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.split(":")[2]).isNotEqualTo(b.split(":")[2]);
        assertThat(PasswordHasher.verify("pw".toCharArray(), a)).isTrue();
        assertThat(PasswordHasher.verify("pw".toCharArray(), b)).isTrue();
    }

    @Test
    void saltAndKeyHaveDocumentedSizes() {
        String[] parts = PasswordHasher.hash("pw".toCharArray(), FAST).split(":");
        assertThat(java.util.Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(java.util.Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void defaultIterationCountIsRecorded() {
        // The one test paying for the default cost, to pin the documented format.
        String stored = PasswordHasher.hash("pw".toCharArray());
        assertThat(stored).startsWith("pbkdf2-sha256:210000:");
        assertThat(PasswordHasher.verify("pw".toCharArray(), stored)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "s3cret",
        "pbkdf2-sha256",
        "pbkdf2-sha256:1000:AAAAAAAAAAAAAAAAAAAAAA==",
        "pbkdf2-sha1:1000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256:abc:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256:0:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256:-5:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256:+5:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256:999999999:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256:1000:not*base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256:1000::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256:1000:AAAAAAAAAAAAAAAAAAAAAA==:",
        "pbkdf2-sha256:1000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:extra",
    })
    void malformedStoredStringIsFalseNotAnException(String stored) {
        assertThat(PasswordHasher.isWellFormed(stored)).isFalse();
        assertThat(PasswordHasher.verify("s3cret".toCharArray(), stored)).isFalse();
    }

    @Test
    void wellFormedButForeignHashVerifiesFalse() {
        String zeros = "pbkdf2-sha256:1000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        assertThat(PasswordHasher.isWellFormed(zeros)).isTrue();
        assertThat(PasswordHasher.verify("anything".toCharArray(), zeros)).isFalse();
    }

    @Test
    void nonPositiveIterationsAreRefused() {
        assertThatThrownBy(() -> PasswordHasher.hash("pw".toCharArray(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
