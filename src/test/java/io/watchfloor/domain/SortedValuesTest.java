package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kept-sorted history gives the same median, MAD and verdict as sorting the same readings each time. */
@UnitTest
class SortedValuesTest {
  @Test
  void medianAndMadEqualThoseOfSortingWhileReadingsComeAndGo() {
    Random random = new Random(13);
    SortedValues sorted = new SortedValues(4);
    List<Double> kept = new ArrayList<>();
    for (int step = 0; step < 5000; step++) {
      if (!kept.isEmpty() && (kept.size() > 200 || random.nextInt(3) == 0)) {
        double gone = kept.remove(random.nextInt(kept.size()));
        assertThat(sorted.remove(gone)).isTrue();
      } else {
        // few distinct values, so ties and a MAD of 0 both happen; halves and negatives too
        double value = random.nextInt(5) == 0 ? random.nextInt(2000) - 1000 : random.nextInt(12) / 2.0;
        kept.add(value);
        sorted.add(value);
      }
      assertThat(sorted.size()).isEqualTo(kept.size());
      if (kept.isEmpty()) {
        continue;
      }
      double[] plain = kept.stream().mapToDouble(Double::doubleValue).toArray();
      assertThat(sorted.median()).isEqualTo(Outliers.median(plain));
      assertThat(sorted.mad()).isEqualTo(Outliers.mad(plain));
      double probe = random.nextInt(40) - 10;
      assertThat(Outliers.check(sorted, probe, 5)).isEqualTo(Outliers.check(plain, probe, 5));
    }
  }

  @Test
  void smallCasesAndAnEmptyHistory() {
    SortedValues one = SortedValues.of(new double[] {7});
    assertThat(one.median()).isEqualTo(7);
    assertThat(one.mad()).isZero();
    SortedValues two = SortedValues.of(new double[] {10, 2});
    assertThat(two.median()).isEqualTo(6);
    assertThat(two.mad()).isEqualTo(4);
    assertThat(SortedValues.of(new double[] {1, 2, 3, 4, 100}).mad()).isEqualTo(1);
    assertThat(two.remove(3)).as("not held").isFalse();
    assertThatThrownBy(() -> new SortedValues(1).median()).isInstanceOf(IllegalArgumentException.class);
  }
}
