package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@UnitTest
class OutliersTest {
  private static final double[] USUAL = {40, 42, 38, 41, 39, 40, 43, 37, 40, 41, 39, 42};

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(3, Outliers.median(new double[] {5, 1, 3}));
    assertEquals(2.5, Outliers.median(new double[] {4, 1, 3, 2}));
    assertThrows(IllegalArgumentException.class, () -> Outliers.median(new double[0]));
  }

  @Test
  void madIsTheMedianDistanceFromTheMedian() {
    // median 3; distances 2,1,0,1,97 → median 1
    assertEquals(1, Outliers.mad(new double[] {1, 2, 3, 4, 100}));
    assertEquals(0, Outliers.mad(new double[] {7, 7, 7}));
  }

  @Test
  void oneWildReadingDoesNotWidenTheBand() {
    double[] withSpike = USUAL.clone();
    withSpike[0] = 4000;
    assertEquals(Outliers.mad(USUAL), Outliers.mad(withSpike), 1.0);
  }

  @Test
  void farOutsideIsFlaggedInsideIsNot() {
    // median 40, MAD 1 → scaled 1.4826; k=5 → band ±7.41
    assertTrue(Outliers.check(USUAL, 400, 5).isPresent());
    assertTrue(Outliers.check(USUAL, 20, 5).isPresent());
    assertFalse(Outliers.check(USUAL, 45, 5).isPresent());
    assertFalse(Outliers.check(USUAL, 47, 5).isPresent());
    assertTrue(Outliers.check(USUAL, 48, 5).isPresent());
    assertTrue(Outliers.check(USUAL, 400, 5).orElseThrow().contains("median 40"));
  }

  @Test
  void fewerThanTenReadingsNeverFlag() {
    double[] nine = {40, 40, 40, 40, 40, 40, 40, 40, 40};
    assertFalse(Outliers.check(nine, 100000, 5).isPresent());
  }

  @Test
  void constantHistoryFlagsOnlyBeyondTenPercentPlusFive() {
    double[] zeros = new double[12];
    assertFalse(Outliers.check(zeros, 0, 5).isPresent());
    assertFalse(Outliers.check(zeros, 5, 5).isPresent());
    assertTrue(Outliers.check(zeros, 6, 5).isPresent());
    double[] hundreds = new double[12];
    java.util.Arrays.fill(hundreds, 100);
    assertFalse(Outliers.check(hundreds, 115, 5).isPresent());
    assertTrue(Outliers.check(hundreds, 116, 5).isPresent());
    assertTrue(Outliers.check(hundreds, 84, 5).isPresent());
  }
}
