package io.watchfloor;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's pictures are the browser tests' screenshots: a test that takes one the README shows
 * keeps a copy in docs/img/, so a change of look updates the README at the next test run. The copy is
 * scaled to {@link #WIDTH} pixels wide, enough to read on a code host and small enough for the repository.
 */
public final class DocImages {
  public static final Path DIR = Path.of("docs", "img");
  static final int WIDTH = 1280;

  private DocImages() {
  }

  /** Copies {@code screenshot} to docs/img/{@code name}, scaled down to {@link #WIDTH} if wider. */
  public static void keep(Path screenshot, String name) {
    try {
      BufferedImage shot = ImageIO.read(screenshot.toFile());
      Files.createDirectories(DIR);
      ImageIO.write(shot.getWidth() <= WIDTH ? shot : scaled(shot), "png", DIR.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage scaled(BufferedImage shot) {
    int height = Math.round(shot.getHeight() * (float) WIDTH / shot.getWidth());
    BufferedImage small = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(shot, 0, 0, WIDTH, height, null);
    } finally {
      g.dispose();
    }
    return small;
  }
}
