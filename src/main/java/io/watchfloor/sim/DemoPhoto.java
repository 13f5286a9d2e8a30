package io.watchfloor.sim;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small generated JPEG for the demo units' field events and reports back: a sky, the ground and a shape
 * coloured by the case's category, so the console's and the field page's photo views have a real image to
 * show (a few kilobytes, well under the 2 MB limit). Drawn headless; nothing is read from disk.
 */
final class DemoPhoto {
  static final int WIDTH = 320;
  static final int HEIGHT = 240;
  private static final int VARIANTS = 3;

  private final Map<String, List<byte[]>> drawn;

  private DemoPhoto(Map<String, List<byte[]>> drawn) {
    this.drawn = drawn;
  }

  /**
   * A few photos per category, as found and once handled, drawn once: drawing needs the JDK's imaging, whose
   * first use takes seconds, so it is done on a worker at start and never on an event loop.
   */
  static DemoPhoto draw(Iterable<String> categories, Random random) {
    Map<String, List<byte[]>> drawn = new HashMap<>();
    for (String category : categories) {
      for (boolean after : new boolean[] {false, true}) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < VARIANTS; i++) {
          list.add(jpeg(category, after, random));
        }
        drawn.put(key(category, after), list);
      }
    }
    return new DemoPhoto(drawn);
  }

  /** One of the photos drawn for the category (those of "other" for a category not drawn). */
  byte[] pick(String category, boolean after, Random random) {
    List<byte[]> list = drawn.getOrDefault(key(category, after), drawn.get(key("other", after)));
    return list.get(random.nextInt(list.size()));
  }

  private static String key(String category, boolean after) {
    return category + (after ? "/after" : "/found");
  }

  /** @param after the scene once handled (tidy, green) rather than as found (red) */
  private static byte[] jpeg(String category, boolean after, Random random) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, new Color(120, 170, 230), 0, HEIGHT / 2f, new Color(215, 230, 245)));
      g.fillRect(0, 0, WIDTH, HEIGHT / 2);
      g.setColor(new Color(110 + random.nextInt(30), 105 + random.nextInt(30), 90));
      g.fillRect(0, HEIGHT / 2, WIDTH, HEIGHT / 2);
      g.setColor(after ? new Color(60, 160, 80) : colour(category));
      int x = 60 + random.nextInt(140);
      int w = 60 + random.nextInt(60);
      switch (category) {
        case "sanitation" -> g.fillOval(x, HEIGHT / 2 - 10, w, 50);
        case "checkpoint" -> g.fillRect(x, HEIGHT / 2 - 60, 20, 90);
        default -> g.fillRoundRect(x, HEIGHT / 2 - 40, w, 70, 12, 12);
      }
      // no text: a JDK without fonts cannot draw any, and the demo must start on a bare box
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
    try {
      if (!ImageIO.write(image, "jpeg", out)) {
        throw new IllegalStateException("no JPEG writer in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Color colour(String category) {
    return switch (category) {
      case "sanitation" -> new Color(150, 95, 40);
      case "checkpoint" -> new Color(220, 60, 40);
      case "petition" -> new Color(200, 140, 30);
      default -> new Color(90, 90, 160);
    };
  }
}
