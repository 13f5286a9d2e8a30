package io.watchfloor.web;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The attempt budgets are held in bounded memory, however many addresses and names a flood invents. */
@UnitTest
class SignInGuardTest {

  @Test
  void theBudgetsStayBoundedUnderAFloodOfNewKeys() {
    SignInGuard guard = new SignInGuard(30, 10, 8, 100);
    for (int i = 0; i < 20_000; i++) {
      guard.admit("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "invented-" + i);
    }
    assertThat(guard.tracked()).isLessThanOrEqualTo(200);
  }

  @Test
  void oneAddressCannotSpendAnotherAddresssBudgetForAName() {
    SignInGuard guard = new SignInGuard(30, 10, 8, 100);
    for (int i = 0; i < 10; i++) {
      assertThat(guard.admit("10.0.0.1", "Duty")).isEmpty();
    }
    assertThat(guard.admit("10.0.0.1", "duty")).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(429));
    assertThat(guard.admit("10.0.0.2", "duty")).isEmpty();
  }
}
