package dev.xhsopenapi.upstream;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds JSON objects to records with snake_case keys, strictly typed, and says in plain words what
 * was wrong when a body does not fit: {@code "credits must be an integer (at $.credits)"}.
 *
 * <p>Types are not coerced: a string is not a number, {@code 1.5} is not an integer, a number is
 * not a string. A record's compact constructor may refuse values with an {@link
 * IllegalArgumentException}; its message is passed on as it is.
 */
public final class JsonBinding {
  private static final Pattern MISSING =
      Pattern.compile("Missing required creator property '([^']+)'");

  private JsonBinding() {}

  /**
   * A mapper for binding bodies: snake_case property names, no coercion between JSON types.
   *
   * @param unknownKeys whether keys the record does not have are ignored (true) or refused
   */
  public static ObjectMapper mapper(boolean unknownKeys) {
    JsonMapper mapper =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, !unknownKeys)
            .build();
    for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float)) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    // An integer is a number too; only its other direction (1.5 as an integer) is refused.
    mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, null);
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer, null);
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, null);
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.EmptyString, null);
    return mapper;
  }

  /**
   * What is wrong with a body that did not bind, in plain words naming the JSON path: {@code
   * "credits must be an integer (at $.credits)"}, {@code "name is required (at $.name)"}, {@code
   * "unknown key 'x' (at $.x)"}, {@code "the body is not valid JSON: …"}.
   *
   * @param e what Jackson threw while reading or binding
   * @return one line, without a trailing period
   */
  public static String describe(JacksonException e) {
    if (e instanceof ValueInstantiationException v
        && v.getCause() instanceof IllegalArgumentException refusal) {
      return refusal.getMessage();
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown key '" + u.getPropertyName() + "' (at " + path(u) + ")";
    }
    if (e instanceof JsonMappingException m) {
      Matcher missing = MISSING.matcher(String.valueOf(m.getOriginalMessage()));
      if (missing.find()) {
        String at = path(m);
        if (!at.endsWith("." + missing.group(1))) {
          at = at + "." + missing.group(1);
        }
        return missing.group(1) + " is required (at " + at + ")";
      }
      if (m.getCause() instanceof InputCoercionException c) {
        return name(m)
            + " is out of range for "
            + kind(c.getTargetType())
            + " (at "
            + path(m)
            + ")";
      }
      if (m instanceof InvalidFormatException f && f.getTargetType() != null) {
        return name(m) + " must be " + kind(f.getTargetType()) + " (at " + path(m) + ")";
      }
      if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
        if (m.getPath().isEmpty()) {
          return "the body must be " + kind(mi.getTargetType());
        }
        return name(m) + " must be " + kind(mi.getTargetType()) + " (at " + path(m) + ")";
      }
      if (!m.getPath().isEmpty()) {
        return name(m) + " is not valid (at " + path(m) + "): " + m.getOriginalMessage();
      }
    }
    if (e instanceof InputCoercionException c) {
      return "a number is out of range for " + kind(c.getTargetType());
    }
    return "the body is not valid JSON: " + e.getOriginalMessage();
  }

  /** The JSON path of the value that failed, such as {@code $.expired_sids[1]}. */
  static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder("$");
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        out.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** The key that holds the failed value: the last field name on the path. */
  private static String name(JsonMappingException e) {
    List<JsonMappingException.Reference> refs = e.getPath();
    for (int i = refs.size() - 1; i >= 0; i--) {
      if (refs.get(i).getFieldName() != null) {
        return refs.get(i).getFieldName();
      }
    }
    return "the body";
  }

  private static String kind(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
      return "a string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord() || type == Object.class) {
      return "a JSON object";
    }
    return "a " + type.getSimpleName();
  }
}
