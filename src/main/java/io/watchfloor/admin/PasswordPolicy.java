package io.watchfloor.admin;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator's password must be: at least {@link #MIN_LENGTH} characters, and hard to guess by
 * nbvcxz's estimate, which knows the leaked-password and dictionary lists shipped in its jar (and the
 * operator's own username and name). Slow on long input: call it on a worker, never on an event loop.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 200;
  /** Bits of entropy nbvcxz must find; its default is 35, set higher for accounts that can see a district. */
  private static final double MIN_ENTROPY = 40;

  private PasswordPolicy() {
  }

  /** Why the password is refused, or empty when it is good enough. */
  public static Optional<String> problem(String password, String username, String name) {
    if (password.length() < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    Result result = new Nbvcxz(configuration(username, name)).estimate(password);
    if (result.isMinimumEntropyMet()) {
      return Optional.empty();
    }
    String warning = result.getFeedback() == null ? null : result.getFeedback().getWarning();
    return Optional.of("is too easy to guess (a known leaked or dictionary password, or too simple)"
        + (warning == null || warning.isBlank() ? "" : ": " + warning));
  }

  private static Configuration configuration(String username, String name) {
    List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
    DictionaryBuilder own = new DictionaryBuilder().setDictionaryName("operator").setExclusion(true);
    for (String word : new String[] {username, name}) {
      if (word != null && !word.isBlank()) {
        own.addWord(word.toLowerCase(Locale.ROOT), 0);
      }
    }
    dictionaries.add(own.createDictionary());
    return new ConfigurationBuilder().setDictionaries(dictionaries).setMinimumEntropy(MIN_ENTROPY)
        .setLocale(Locale.ENGLISH).createConfiguration();
  }
}
