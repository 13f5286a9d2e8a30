package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseMachine;
import io.watchfloor.store.StoreUnavailable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cases in this process's memory, for the embedded demo. Each call runs whole under the store's lock, so a
 * step is as atomic as PostgreSQL's transaction. Bounded: past {@code maxCases} cases, or {@code maxPhotoBytes}
 * of photos, new ones are refused (503) and nothing is forgotten; the oldest idempotency keys are forgotten
 * past {@link #MAX_REQUESTS}, as a key is resent within minutes, not days.
 */
public final class MemoryCaseStore implements CaseStore {
  public static final long MAX_PHOTO_BYTES = 256L << 20;
  static final int MAX_REQUESTS = 100_000;
  private static final int RETRY_AFTER_SECONDS = 60;

  private final CaseMachine machine;
  private final int maxCases;
  private final long maxPhotoBytes;
  private final Map<UUID, CaseFile> cases = new LinkedHashMap<>();
  private final Map<UUID, List<CaseEvent>> trails = new HashMap<>();
  private final Map<UUID, List<Photo>> photos = new HashMap<>();
  private final Map<UUID, UUID> openByAlert = new HashMap<>();
  private final Map<String, Answered> requests = new LinkedHashMap<>();
  private long photoBytes;

  /** A request answered: what it asked (its fingerprint) and the answer it got. */
  private record Answered(String fingerprint, int status, JsonObject answer, Instant at) {
  }

  public MemoryCaseStore(CaseMachine machine, int maxCases) {
    this(machine, maxCases, MAX_PHOTO_BYTES);
  }

  public MemoryCaseStore(CaseMachine machine, int maxCases, long maxPhotoBytes) {
    this.machine = machine;
    this.maxCases = maxCases;
    this.maxPhotoBytes = maxPhotoBytes;
  }

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Outcome> open(CaseMachine.Step opening, List<Photo> sent, Request request,
                                           Function<CaseFile, JsonObject> answer) {
    return attempt(() -> replay(request).orElseGet(() -> opened(CaseRules.micros(opening), sent, request, answer)));
  }

  private Outcome opened(CaseMachine.Step opening, List<Photo> sent, Request request,
                         Function<CaseFile, JsonObject> answer) {
    CaseFile file = opening.after();
    CaseFile stored = cases.get(file.id());
    if (stored != null) {
      if (!CaseRules.sameSubject(stored.subject(), file.subject())) {
        throw new CaseConflict("case " + file.id() + " exists and is about something else", stored.id());
      }
      return answered(request, opening.event().at(), new Outcome(200, answer.apply(stored), true, null));
    }
    UUID alert = file.subject().alert();
    if (alert != null && openByAlert.containsKey(alert)) {
      UUID existing = openByAlert.get(alert);
      throw new CaseConflict("alert " + alert + " already has an open case, " + existing, existing);
    }
    if (cases.size() >= maxCases) {
      throw new StoreUnavailable("the embedded store is full (" + maxCases + " cases); run with the PostgreSQL store",
          RETRY_AFTER_SECONDS, null);
    }
    Outcome outcome = new Outcome(201, answer.apply(file), false, opening);
    List<Photo> kept = photosOf(opening.event(), sent);
    cases.put(file.id(), file);
    trails.put(file.id(), new ArrayList<>(List.of(opening.event())));
    photos.put(file.id(), new ArrayList<>(kept));
    if (alert != null) {
      openByAlert.put(alert, file.id());
    }
    return answered(request, opening.event().at(), outcome);
  }

  @Override
  public synchronized Future<Outcome> act(UUID id, CaseCommand command, List<Photo> sent, Instant now, Request request,
                                          Function<CaseFile, JsonObject> answer) {
    return attempt(() -> replay(request).orElseGet(() -> acted(id, command, sent, CaseRules.micros(now), request, answer)));
  }

  private Outcome acted(UUID id, CaseCommand command, List<Photo> sent, Instant now, Request request,
                        Function<CaseFile, JsonObject> answer) {
    CaseFile file = cases.get(id);
    if (file == null) {
      throw new CaseNotFound(id);
    }
    CaseMachine.Step step = machine.apply(file, CaseRules.micros(command), now);
    CaseFile after = step.after();
    Outcome outcome = new Outcome(200, answer.apply(after), false, step);
    List<Photo> kept = photosOf(step.event(), sent);
    cases.put(id, after);
    trails.get(id).add(step.event());
    photos.get(id).addAll(kept);
    UUID alert = after.subject().alert();
    if (alert != null && !after.open()) {
      openByAlert.remove(alert, id);
    }
    return answered(request, now, outcome);
  }

  /** The photos as kept: with the step's case, line and time, their bytes copied; refused past the bound. */
  private List<Photo> photosOf(CaseEvent event, List<Photo> sent) {
    long bytes = sent.stream().mapToLong(p -> p.bytes().length).sum();
    if (photoBytes + bytes > maxPhotoBytes) {
      throw new StoreUnavailable("the embedded store's photos are full (" + maxPhotoBytes
          + " bytes); run with the PostgreSQL store", RETRY_AFTER_SECONDS, null);
    }
    photoBytes += bytes;
    return sent.stream().map(p -> new Photo(p.id(), event.caseId(), event.seq(), p.mediaType(), p.bytes().clone(),
        event.at())).toList();
  }

  private Optional<Outcome> replay(Request request) {
    Answered answered = request == null ? null : requests.get(key(request));
    if (answered == null) {
      return Optional.empty();
    }
    if (!answered.fingerprint().equals(request.fingerprint())) {
      throw new RequestReused();
    }
    return Optional.of(new Outcome(answered.status(), answered.answer().copy(), true, null));
  }

  private Outcome answered(Request request, Instant at, Outcome outcome) {
    if (request != null) {
      requests.put(key(request), new Answered(request.fingerprint(), outcome.status(), outcome.answer().copy(), at));
      var oldest = requests.keySet().iterator();
      while (requests.size() > MAX_REQUESTS) {
        oldest.next();
        oldest.remove();
      }
    }
    return outcome;
  }

  private static String key(Request request) {
    return request.principal() + '\u0000' + request.key();
  }

  private static <T> Future<T> attempt(Supplier<T> call) {
    try {
      return Future.succeededFuture(call.get());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public synchronized Future<Optional<CaseFile>> find(UUID id) {
    return Future.succeededFuture(Optional.ofNullable(cases.get(id)));
  }

  @Override
  public synchronized Future<Optional<Detail>> detail(UUID id) {
    CaseFile file = cases.get(id);
    return Future.succeededFuture(file == null ? Optional.empty() : Optional.of(new Detail(file,
        List.copyOf(trails.get(id)), photos.get(id).stream()
        .map(p -> new PhotoInfo(p.id(), p.seq(), p.mediaType(), p.bytes().length, p.at())).toList())));
  }

  @Override
  public synchronized Future<Optional<Photo>> photo(UUID caseId, UUID photoId) {
    return Future.succeededFuture(photos.getOrDefault(caseId, List.of()).stream()
        .filter(p -> p.id().equals(photoId)).findFirst()
        .map(p -> new Photo(p.id(), p.caseId(), p.seq(), p.mediaType(), p.bytes().clone(), p.at())));
  }

  @Override
  public synchronized Future<List<CaseFile>> list(Filter filter) {
    return Future.succeededFuture(cases.values().stream().filter(f -> CaseRules.matches(filter, f))
        .sorted(CaseRules.NEWEST_FIRST).limit(filter.limit()).toList());
  }

  @Override
  public synchronized Future<Optional<CaseFile>> openForAlert(UUID alert) {
    return Future.succeededFuture(Optional.ofNullable(openByAlert.get(alert)).map(cases::get));
  }

  @Override
  public synchronized Future<List<CaseFile>> due(Instant now, Duration escalateAfter, Collection<String> tops, int limit) {
    return Future.succeededFuture(cases.values().stream().filter(f -> CaseRules.due(f, now, escalateAfter, tops))
        .sorted(Comparator.comparing((CaseFile f) -> f.clock().dueAt()).thenComparing(f -> f.id().toString()))
        .limit(limit).toList());
  }

  @Override
  public synchronized Future<List<CaseFile>> touching(Instant from, Instant to, List<String> areas, int limit) {
    return Future.succeededFuture(cases.values().stream()
        .filter(f -> (areas == null || areas.contains(f.subject().area())) && CaseRules.touches(f, from, to))
        .sorted(Comparator.comparing((CaseFile f) -> f.subject().openedAt()).thenComparing(f -> f.id().toString()))
        .limit(limit).toList());
  }

  @Override
  public synchronized Future<List<CaseEvent>> events(Instant from, Instant to, List<String> areas, int limit) {
    return Future.succeededFuture(trails.values().stream().flatMap(List::stream)
        .filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
        .filter(e -> areas == null || areas.contains(cases.get(e.caseId()).subject().area()))
        .sorted(Comparator.comparing(CaseEvent::at).thenComparing(e -> e.caseId().toString())
            .thenComparingInt(CaseEvent::seq))
        .limit(limit).toList());
  }

  @Override
  public synchronized Future<Integer> forgetRequests(Instant before) {
    int size = requests.size();
    requests.values().removeIf(a -> a.at().isBefore(before));
    return Future.succeededFuture(size - requests.size());
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
