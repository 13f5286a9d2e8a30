package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.ApiContract;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.ops.HashSecret;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case and task API as the console and the field page call it, blocking, so tests read top to bottom.
 * The sample district's officers (长岭区's duty, 许东镇's, and a 石桥镇 officer added here) and its demo units.
 */
final class CaseDesk {
  static final String DISTRICT = "duty";
  static final String XUDONG = "xudong-duty";
  static final String SHIQIAO = "shiqiao-duty";
  private static final Map<String, String> PASSWORDS = Map.of(DISTRICT, "duty-demo-pass",
      XUDONG, "xudong-duty-demo-pass", SHIQIAO, "shiqiao-duty-pass", "admin", "admin-demo-pass");

  final TestServer server;
  /** Every answer of these calls is held to the API's OpenAPI description. */
  private final ApiContract contract;

  CaseDesk(TestServer server) {
    this.server = server;
    this.contract = new ApiContract(server.vertx);
  }

  private HttpResponse<Buffer> json(HttpRequest<Buffer> request, JsonObject body) {
    return contract.check(request, request.sendJsonObject(body).await());
  }

  /** A server on a fresh PostgreSQL database, with a 石桥镇 officer beside the demo's. */
  static CaseDesk postgres(String database, MutableClock clock) {
    return postgres(database, clock, new JsonArray());
  }

  /** The same, with these units seeded beside the demo's (each as config/access.json names one). */
  static CaseDesk postgres(String database, MutableClock clock, JsonArray units) {
    JsonObject access = TestServer.shipped("access.json");
    units.forEach(access.getJsonArray("units")::add);
    access.getJsonArray("operators").add(new JsonObject().put("username", SHIQIAO).put("name", "石桥镇值班员")
        .put("role", "officer").put("scope", "shiqiao").put("passwordHash", HashSecret.password(PASSWORDS.get(SHIQIAO))));
    JsonObject store = new JsonObject().put("store", TestServer.postgresStore(TestDatabase.fresh(database)));
    return new CaseDesk(TestServer.start(store, clock, access));
  }

  String signIn(String user) {
    return new Api(server).signIn(user, PASSWORDS.get(user));
  }

  HttpRequest<Buffer> officer(HttpRequest<Buffer> request, String cookie) {
    return request.putHeader("Cookie", cookie).putHeader("Origin", new Api(server).origin());
  }

  HttpRequest<Buffer> unit(HttpRequest<Buffer> request, String token) {
    return request.putHeader("Authorization", "Bearer " + token);
  }

  HttpResponse<Buffer> open(String cookie, JsonObject body) {
    return json(officer(server.client.post("/api/v1/cases"), cookie), body);
  }

  /** Opens a case and returns it, failing the test on anything but 201. */
  JsonObject opened(String cookie, JsonObject body) {
    return ok(open(cookie, body), 201);
  }

  HttpResponse<Buffer> act(String cookie, String id, String action, JsonObject body) {
    return json(officer(server.client.post("/api/v1/cases/" + id + "/" + action), cookie), body);
  }

  HttpResponse<Buffer> task(String token, String id, String action, JsonObject body) {
    return json(unit(server.client.post("/api/v1/tasks/" + id + "/" + action), token), body);
  }

  HttpResponse<Buffer> report(String token, String id, String note, List<Buffer> photos) {
    HttpRequest<Buffer> request = unit(server.client.post("/api/v1/tasks/" + id + "/report"), token);
    return contract.check(request, multipart(request, form(note, photos)).await());
  }

  /** A report's fields: its note, if any, and its photos, each a {@code photo} file. */
  static Map<String, Object> form(String note, List<Buffer> photos) {
    Map<String, Object> form = new java.util.LinkedHashMap<>();
    if (note != null) {
      form.put("note", note);
    }
    for (int i = 0; i < photos.size(); i++) {
      form.put("photo#" + i, photos.get(i));
    }
    return form;
  }

  /**
   * A report's fields as the field page sends them when the unit lets locations go: its note, then for each
   * photo its {@code lat}, its {@code lon} and the photo; values past the photos' count go after them.
   */
  static Map<String, Object> located(String note, List<Buffer> photos, List<String> lats, List<String> lons) {
    Map<String, Object> form = new java.util.LinkedHashMap<>();
    if (note != null) {
      form.put("note", note);
    }
    for (int i = 0; i < Math.max(photos.size(), Math.max(lats.size(), lons.size())); i++) {
      if (i < lats.size()) {
        form.put("lat#" + i, lats.get(i));
      }
      if (i < lons.size()) {
        form.put("lon#" + i, lons.get(i));
      }
      if (i < photos.size()) {
        form.put("photo#" + i, photos.get(i));
      }
    }
    return form;
  }

  /**
   * Sends the fields as {@code multipart/form-data} with its length, as a browser sends a FormData: a text
   * value as a field, a Buffer as a file named by the key up to its {@code #}.
   */
  static io.vertx.core.Future<HttpResponse<Buffer>> multipart(HttpRequest<Buffer> request, Map<String, Object> fields) {
    String boundary = "----watchfloor" + Long.toHexString(new Random().nextLong());
    return request.putHeader("Content-Type", "multipart/form-data; boundary=" + boundary).sendBuffer(form(boundary, fields));
  }

  /** The body {@link #multipart} sends, for a test that writes it on a connection of its own. */
  static Buffer form(String boundary, Map<String, Object> fields) {
    Buffer body = Buffer.buffer();
    int file = 0;
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      String name = field.getKey().contains("#") ? field.getKey().substring(0, field.getKey().indexOf('#')) : field.getKey();
      body.appendString("--" + boundary + "\r\n");
      if (field.getValue() instanceof Buffer bytes) {
        body.appendString("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"photo-" + file++ + ".jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n").appendBuffer(bytes).appendString("\r\n");
      } else {
        body.appendString("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
            .appendString(field.getValue().toString()).appendString("\r\n");
      }
    }
    body.appendString("--" + boundary + "--\r\n");
    return body;
  }

  HttpResponse<Buffer> get(String cookie, String path) {
    return contract.send(officer(server.client.get(path), cookie));
  }

  JsonObject detail(String cookie, String id) {
    return ok(get(cookie, "/api/v1/cases/" + id), 200);
  }

  JsonArray list(String cookie, String query) {
    return ok(get(cookie, "/api/v1/cases" + query), 200).getJsonArray("cases");
  }

  JsonArray tasks(String token) {
    return ok(contract.send(unit(server.client.get("/api/v1/tasks"), token)), 200).getJsonArray("tasks");
  }

  /** The trail's actions, oldest first. */
  List<String> trail(String cookie, String id) {
    return detail(cookie, id).getJsonArray("trail").stream().map(e -> ((JsonObject) e).getString("action")).toList();
  }

  static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  /** A case about a full bin at 金盆村's inspection site, as an officer takes a phone call. */
  static JsonObject bin() {
    return new JsonObject().put("title", "垃圾满溢").put("category", "sanitation").put("urgency", "normal")
        .put("site", "sn-jinpen").put("description", "村口垃圾桶满溢，群众来电反映");
  }

  static Buffer jpeg(int size, long seed) {
    return image(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}, size, seed);
  }

  static Buffer png(int size, long seed) {
    return image(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, size, seed);
  }

  static Buffer webp(int size, long seed) {
    byte[] head = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};
    return image(head, size, seed);
  }

  private static Buffer image(byte[] head, int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return Buffer.buffer(bytes);
  }
}
