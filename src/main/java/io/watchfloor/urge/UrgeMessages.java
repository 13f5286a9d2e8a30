package io.watchfloor.urge;

import io.watchfloor.urge.UrgeStore.Target;
import io.watchfloor.urge.UrgeStore.Urging;

import java.time.Instant;
import java.util.List;

/** The urge verticle's node-local messages ({@code bus/Addresses}, 催报). */
public final class UrgeMessages {
  private UrgeMessages() {
  }

  /** Urge these sites, checked by the HTTP side; reply: {@link UrgeStore.Outcome} once committed. */
  public record Run(List<Target> targets, String by, String note) {
    public Run {
      targets = List.copyOf(targets);
    }
  }

  /** The urgings of these sites after {@code after}, newest first, at most {@code max}; reply {@link Urgings}. */
  public record Since(List<String> sites, Instant after, int max) {
    public Since {
      sites = List.copyOf(sites);
    }
  }

  /** The urgings of sites in these areas in [{@code from}, {@code to}), oldest first; reply {@link Urgings}. */
  public record Day(List<String> areas, Instant from, Instant to) {
    public Day {
      areas = List.copyOf(areas);
    }
  }

  public record Urgings(List<Urging> urgings) {
    public Urgings {
      urgings = List.copyOf(urgings);
    }
  }

  public static final List<Class<?>> TYPES = List.of(Run.class, Since.class, Day.class, Urgings.class,
      UrgeStore.Outcome.class);
}
