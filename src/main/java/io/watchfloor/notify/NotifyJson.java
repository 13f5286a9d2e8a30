package io.watchfloor.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/** The one mapper the bodies of this package are written with. */
final class NotifyJson {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private NotifyJson() {
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The body as sent: a tree built here always serialises, so a failure is a bug, not an input error. */
  static String write(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
