package io.watchfloor.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.watchfloor.domain.FieldError;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.StrictBody;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A report back or a field event: a JSON body, or {@code multipart/form-data} with text fields and up to
 * {@code max} {@code photo} files. A photo is taken by its bytes, never its name or declared type: JPEG, PNG or
 * WebP, at most {@code maxBytes}; each bad one is named {@code photo[i]} (from 0, in the order sent). Files
 * land in a temporary directory, are read off the event loop, and are deleted when the request ends.
 */
final class PhotoUpload {
  static final String PHOTO = "photo";
  /** Room for the text fields and the multipart framing beside the largest photos allowed. */
  private static final int MARGIN = 256 * 1024;

  /** What was sent: the fields as a JSON object, the photos checked, and the request's fingerprint. */
  record Sent(JsonNode fields, List<Image> photos, List<FieldError> errors, IdempotencyKey.Fingerprint fingerprint) {
  }

  record Image(String mediaType, byte[] bytes) {
  }

  private final Vertx vertx;
  private final int max;
  private final int maxBytes;
  private final String uploads;

  PhotoUpload(Vertx vertx, int max, int maxBytes) {
    this.vertx = vertx;
    this.max = max;
    this.maxBytes = maxBytes;
    this.uploads = Path.of(System.getProperty("java.io.tmpdir"), "watchfloor-uploads").toString();
    // made now, so the body handler's own check for it finds it at the first upload
    vertx.fileSystem().mkdirs(uploads);
  }

  /**
   * Runs ahead of the body handler: a multipart body must say its length, so one past the limit is refused (413)
   * before a byte is written to disk. A chunked one would be cut mid-stream instead, where Vert.x 5.0.10's body
   * handler fails to cancel a file already written ("File handle is closed") and answers 500. Browsers send the
   * length of every FormData body.
   */
  void bounded(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.toLowerCase().startsWith("multipart/") && ctx.request().getHeader("Content-Length") == null) {
      ctx.fail(new ApiError(411, "Length required", "send multipart/form-data with its Content-Length"));
    } else {
      ctx.next();
    }
  }

  /** The body handler for these requests: files to disk and deleted at the end, the whole body bounded. */
  BodyHandler bodyHandler() {
    return BodyHandler.create(uploads).setBodyLimit((long) max * maxBytes + MARGIN)
        .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false);
  }

  Future<Sent> read(RoutingContext ctx) {
    IdempotencyKey.Fingerprint fingerprint = new IdempotencyKey.Fingerprint("POST", ctx.request().path());
    String type = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("").toLowerCase();
    if (!type.startsWith("multipart/form-data")) {
      if (!ctx.fileUploads().isEmpty() || !(type.isEmpty() || type.startsWith("application/json"))) {
        return Future.failedFuture(new ApiError(415, "Unsupported media type",
            "send application/json, or multipart/form-data with the photos"));
      }
      if (ctx.body().length() > CaseRoutes.BODY_LIMIT) {
        return Future.failedFuture(new ApiError(413, "Payload too large", "a JSON body holds at most "
            + CaseRoutes.BODY_LIMIT + " bytes; photos go as multipart/form-data"));
      }
      JsonNode body = StrictBody.orNull(ctx);
      fingerprint.add(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
      return Future.succeededFuture(new Sent(body, List.of(), List.of(), fingerprint));
    }
    List<FieldError> errors = new ArrayList<>();
    ObjectNode fields = fields(ctx.request().formAttributes(), errors, fingerprint);
    List<FileUpload> files = ctx.fileUploads();
    List<Future<Buffer>> reads = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileUpload file = files.get(i);
      FieldError refused = !PHOTO.equals(file.name())
          ? new FieldError(file.name(), "not a field of this request; photos are sent as " + PHOTO)
          : i >= max ? new FieldError(photo(i), "at most " + max + " photos")
          : file.size() > maxBytes ? new FieldError(photo(i), "larger than " + maxBytes + " bytes; shrink it first")
          : null;
      if (refused != null) {
        errors.add(refused);
      }
      reads.add(refused == null ? vertx.fileSystem().readFile(file.uploadedFileName()) : Future.succeededFuture());
    }
    return Future.all(reads).map(all -> {
      List<Image> photos = new ArrayList<>();
      for (int i = 0; i < reads.size(); i++) {
        Buffer bytes = reads.get(i).result();
        if (bytes != null) {
          byte[] data = bytes.getBytes();
          fingerprint.add(PHOTO).add(data);
          Optional<String> media = mediaType(data);
          if (media.isPresent()) {
            photos.add(new Image(media.get(), data));
          } else {
            errors.add(new FieldError(photo(i), "not a JPEG, PNG or WebP image (by its bytes)"));
          }
        }
      }
      return new Sent(fields, photos, errors, fingerprint);
    });
  }

  private static String photo(int i) {
    return PHOTO + "[" + i + "]";
  }

  /** The text fields, in name order for the fingerprint; a field sent twice is named. */
  private static ObjectNode fields(MultiMap form, List<FieldError> errors, IdempotencyKey.Fingerprint fingerprint) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    for (String name : new TreeSet<>(form.names())) {
      List<String> values = form.getAll(name);
      if (values.size() > 1) {
        errors.add(new FieldError(name, "sent more than once"));
      }
      fields.put(name, values.get(0));
      fingerprint.add(name).add(values.get(0));
    }
    return fields;
  }

  /** The image type its first bytes say, if it is one taken. */
  static Optional<String> mediaType(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return Optional.of("image/jpeg");
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
        && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
      return Optional.of("image/png");
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return Optional.of("image/webp");
    }
    return Optional.empty();
  }
}
