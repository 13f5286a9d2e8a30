package io.watchfloor.cases;

import io.watchfloor.domain.FieldError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where each photo of a multipart request was taken (docs/api.md, cases): the field page sends one {@code lat}
 * and one {@code lon} field a photo, in the photos' order, empty for a photo without a location, or none at
 * all (the unit did not let locations go, or no photo had one). Each is a decimal number of degrees; a photo's
 * location is both or neither. Anything else is named {@code lat[i]} / {@code lon[i]} (from 0, as the photos),
 * or {@code lat} / {@code lon} when their count is not the photos'.
 */
final class PhotoPlaces {
  static final String LAT = "lat";
  static final String LON = "lon";
  /** What a browser's String(number) writes, exponent included; never NaN, Infinity or Java's hex and suffixes. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");
  private static final int MAX_CHARS = 32;

  /** One photo's location, null parts when it has none. */
  record Place(Double lat, Double lon) {
    static final Place NONE = new Place(null, null);
  }

  private PhotoPlaces() {
  }

  /** The place of each of {@code photos} photos, in order; the errors found are added to {@code errors}. */
  static List<Place> read(List<String> lats, List<String> lons, int photos, List<FieldError> errors) {
    if (lats.isEmpty() && lons.isEmpty()) {
      return Collections.nCopies(photos, Place.NONE);
    }
    // once there is one, both go one a photo: a missing one is a count mismatch too
    boolean latsFit = counted(LAT, lats, photos, errors);
    boolean lonsFit = counted(LON, lons, photos, errors);
    if (!latsFit || !lonsFit) {
      return Collections.nCopies(photos, Place.NONE);
    }
    List<Place> places = new ArrayList<>();
    for (int i = 0; i < photos; i++) {
      Double lat = degrees(LAT, i, lats.get(i), 90, errors);
      Double lon = degrees(LON, i, lons.get(i), 180, errors);
      String latText = lats.get(i);
      String lonText = lons.get(i);
      if (latText.isEmpty() != lonText.isEmpty()) {
        String missing = latText.isEmpty() ? LAT : LON;
        String other = latText.isEmpty() ? LON : LAT;
        errors.add(new FieldError(name(missing, i), "required with " + name(other, i)
            + ": a photo's location is both latitude and longitude, or neither (both empty)"));
      }
      places.add(lat != null && lon != null ? new Place(lat, lon) : Place.NONE);
    }
    return places;
  }

  private static boolean counted(String field, List<String> values, int photos, List<FieldError> errors) {
    if (values.size() == photos) {
      return true;
    }
    errors.add(new FieldError(field, "sent " + values.size() + " times for " + photos
        + " photos: send one a photo, in the photos' order (empty for a photo without a location), or none"));
    return false;
  }

  /** Empty: no location (null). Otherwise a finite decimal number of degrees within ±{@code limit}. */
  private static Double degrees(String field, int i, String text, int limit, List<FieldError> errors) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() <= MAX_CHARS && DECIMAL.matcher(text).matches()) {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value) && Math.abs(value) <= limit) {
        return value == 0 ? 0.0 : value; // -0 is 0
      }
    }
    errors.add(new FieldError(name(field, i), "must be empty or a decimal number of degrees from -" + limit
        + " to " + limit + ", such as " + (limit == 90 ? "31.2304" : "121.4737")));
    return null;
  }

  static String name(String field, int i) {
    return field + "[" + i + "]";
  }
}
