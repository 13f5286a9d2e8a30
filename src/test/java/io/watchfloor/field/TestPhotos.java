package io.watchfloor.field;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Photos as a phone's camera makes them, for the task tab's tests: a JPEG of noise (which compresses
 * badly, as a real scene does), optionally with where it was taken in its EXIF GPS block.
 */
public final class TestPhotos {
  private TestPhotos() {
  }

  /** A {@code width}x{@code height} JPEG written to {@code file}; with {@code lat}/{@code lon} in EXIF unless null. */
  public static Path jpeg(Path file, int width, int height, Double lat, Double lon) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(42);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int n = random.nextInt(96);
        image.setRGB(x, y, ((x * 255 / width + n) & 0xFF) << 16 | ((y * 255 / height + n) & 0xFF) << 8 | ((x ^ y) & 0xFF));
      }
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpg", out);
      byte[] bytes = out.toByteArray();
      Files.createDirectories(file.getParent());
      Files.write(file, lat == null ? bytes : withGps(bytes, lat, lon));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JPEG with an APP1 EXIF segment right after its SOI: IFD0 pointing at a GPS IFD of four tags. */
  static byte[] withGps(byte[] jpeg, double lat, double lon) {
    ByteBuffer tiff = ByteBuffer.allocate(128); // big-endian ("MM")
    tiff.putShort((short) 0x4D4D).putShort((short) 42).putInt(8);
    tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
    tiff.putShort((short) 4);
    tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) (lat < 0 ? 'S' : 'N')).put(new byte[3]);
    tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
    tiff.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) (lon < 0 ? 'W' : 'E')).put(new byte[3]);
    tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
    tiff.putInt(0);
    rationals(tiff, 80, Math.abs(lat));
    rationals(tiff, 104, Math.abs(lon));
    byte[] head = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + head.length + tiff.capacity();
    ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
    out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(head).put(tiff.array());
    out.put(jpeg, 2, jpeg.length - 2);
    return out.array();
  }

  /** Degrees, minutes and seconds (to a hundredth) as three rationals at {@code at}. */
  private static void rationals(ByteBuffer tiff, int at, double degrees) {
    int d = (int) degrees;
    int m = (int) ((degrees - d) * 60);
    long s = Math.round(((degrees - d) * 60 - m) * 60 * 100);
    tiff.putInt(at, d).putInt(at + 4, 1).putInt(at + 8, m).putInt(at + 12, 1).putInt(at + 16, (int) s).putInt(at + 20, 100);
  }
}
