package io.watchfloor.admin;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy refuses what an attacker tries first, and takes what a password manager makes. */
@UnitTest
class PasswordPolicyTest {
  @Test
  void shortLeakedDictionaryAndOwnNamePasswordsAreRefused() {
    assertThat(PasswordPolicy.problem("Tr0ub4dor&3", "duty", "值班员")).get().asString().contains("12");
    assertThat(PasswordPolicy.problem("password1234", "duty", "值班员")).isPresent();
    assertThat(PasswordPolicy.problem("qwertyuiop123", "duty", "值班员")).isPresent();
    assertThat(PasswordPolicy.problem("iloveyou2026!", "duty", "值班员")).isPresent();
    assertThat(PasswordPolicy.problem("aaaaaaaaaaaaaaaa", "duty", "值班员")).isPresent();
    assertThat(PasswordPolicy.problem("xudongduty2026", "xudongduty", "许东镇值班员")).as("the username itself").isPresent();
  }

  @Test
  void randomPasswordsAndTheTemporaryOnesArePassed() {
    assertThat(PasswordPolicy.problem(AdminApiContract.STRONG, "duty", "值班员")).isEmpty();
    assertThat(PasswordPolicy.problem(AdminApiContract.STRONG_2, "duty", "值班员")).isEmpty();
    for (int i = 0; i < 20; i++) {
      assertThat(PasswordPolicy.problem(Secrets.temporaryPassword(), "duty", "值班员")).isEmpty();
    }
  }
}
