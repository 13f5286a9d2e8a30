package io.watchfloor.pgha;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a data tier left behind: the processes whose command line names its state directory (etcd, Patroni,
 * PostgreSQL, HAProxy and pgBackRest all do), found in /proc, and the directory itself.
 */
final class PgHaProcesses {
  private PgHaProcesses() {
  }

  /** "pid command line" of every process naming {@code dir}, this JVM and its parents aside. */
  static List<String> naming(Path dir) {
    String needle = dir + "/"; // a file in it: another directory may share the name as a prefix
    List<String> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String command = commandLine(proc);
        long pid = Long.parseLong(proc.getFileName().toString());
        if (pid != self && command.contains(needle)) {
          found.add(pid + " " + command);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** SIGKILL to each "pid …" line's process, by its pid. */
  static void kill(List<String> processes) {
    for (String line : processes) {
      ProcessHandle.of(Long.parseLong(line.substring(0, line.indexOf(' ')))).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }

  private static String commandLine(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return ""; // gone meanwhile, or not ours to read
    }
  }
}
