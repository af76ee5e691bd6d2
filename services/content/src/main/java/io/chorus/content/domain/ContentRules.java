package io.chorus.content.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Field rules for request bodies. Bodies are read as JSON trees and checked here field by field,
 * so unknown fields, wrong JSON types and rule violations all come back together as one 400
 * problem with an entry per field — before anything touches the database.
 */
public final class ContentRules {

	public static final int POST_TEXT_MAX = 2000;

	public static final int COMMENT_TEXT_MAX = 1000;

	public static final int IMAGES_MAX = 4;

	public static final int REF_ID_MAX = 64;

	private static final Set<String> POST_FIELDS = Set.of("text", "trackId", "imageIds");

	private static final Set<String> COMMENT_FIELDS = Set.of("text", "parentId");

	private static final Set<String> COMMENT_EDIT_FIELDS = Set.of("text");

	/** Ids of other services' things (tracks, images): 1–64 of letters, digits, '-' and '_'. */
	private static final Pattern REF_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");

	/** Content's own ids: lower-case UUIDs (UUIDv7 from the starter's EventIds). */
	private static final Pattern CONTENT_ID = Pattern
		.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

	private ContentRules() {
	}

	/** Whether {@code id} can name a post or comment at all (anything else is simply not found). */
	public static boolean isContentId(String id) {
		return CONTENT_ID.matcher(id).matches();
	}

	/** {@code {text, trackId?, imageIds?}} for a new post or a full replacement of one. */
	public static PostDraft post(JsonNode body) {
		List<FieldViolation> errors = new ArrayList<>();
		object(body, POST_FIELDS, errors);
		String text = text(body, POST_TEXT_MAX, errors);
		String trackId = optionalId(body, "trackId", REF_ID, "must be 1 to 64 of A-Z, a-z, 0-9, '-' and '_'", errors);
		List<String> imageIds = imageIds(body, errors);
		failIfAny(errors);
		return new PostDraft(required(text), trackId, imageIds);
	}

	/** {@code {text, parentId?}} for a new comment or reply. */
	public static CommentDraft comment(JsonNode body) {
		List<FieldViolation> errors = new ArrayList<>();
		object(body, COMMENT_FIELDS, errors);
		String text = text(body, COMMENT_TEXT_MAX, errors);
		String parentId = optionalId(body, "parentId", CONTENT_ID, "is not a comment id", errors);
		failIfAny(errors);
		return new CommentDraft(required(text), parentId);
	}

	/** {@code {text}} replacing a comment's text. */
	public static String commentText(JsonNode body) {
		List<FieldViolation> errors = new ArrayList<>();
		object(body, COMMENT_EDIT_FIELDS, errors);
		String text = text(body, COMMENT_TEXT_MAX, errors);
		failIfAny(errors);
		return required(text);
	}

	private static void object(JsonNode body, Set<String> allowed, List<FieldViolation> errors) {
		if (!body.isObject()) {
			throw ProblemException.validation(List.of(new FieldViolation("body", "must be a JSON object")));
		}
		for (String field : body.propertyNames()) {
			if (!allowed.contains(field)) {
				errors.add(new FieldViolation(field, "is not a known field"));
			}
		}
	}

	private static @Nullable String text(JsonNode body, int max, List<FieldViolation> errors) {
		JsonNode node = body.get("text");
		if (node == null || node.isNull()) {
			errors.add(new FieldViolation("text", "is required"));
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldViolation("text", "must be a string"));
			return null;
		}
		String text = node.asString();
		if (text.isBlank()) {
			errors.add(new FieldViolation("text", "must not be blank"));
		}
		else if (text.codePointCount(0, text.length()) > max) {
			errors.add(new FieldViolation("text", "must be at most " + max + " characters"));
		}
		else if (text.codePoints().anyMatch(ContentRules::forbiddenControl)) {
			errors.add(new FieldViolation("text", "must not contain control characters other than line breaks and tabs"));
		}
		else if (hasLoneSurrogate(text)) {
			errors.add(new FieldViolation("text", "must be valid Unicode"));
		}
		return text;
	}

	private static @Nullable String optionalId(JsonNode body, String field, Pattern format, String reason,
			List<FieldViolation> errors) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldViolation(field, "must be a string"));
			return null;
		}
		String value = node.asString();
		if (!format.matcher(value).matches()) {
			errors.add(new FieldViolation(field, reason));
			return null;
		}
		return value;
	}

	private static List<String> imageIds(JsonNode body, List<FieldViolation> errors) {
		JsonNode node = body.get("imageIds");
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			errors.add(new FieldViolation("imageIds", "must be an array"));
			return List.of();
		}
		if (node.size() > IMAGES_MAX) {
			errors.add(new FieldViolation("imageIds", "must hold at most " + IMAGES_MAX + " ids"));
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			String field = "imageIds[" + i + "]";
			if (!item.isString()) {
				errors.add(new FieldViolation(field, "must be a string"));
			}
			else if (!REF_ID.matcher(item.asString()).matches()) {
				errors.add(new FieldViolation(field, "must be 1 to 64 of A-Z, a-z, 0-9, '-' and '_'"));
			}
			else if (!seen.add(item.asString())) {
				errors.add(new FieldViolation(field, "is a duplicate"));
			}
			else {
				ids.add(item.asString());
			}
		}
		return ids;
	}

	private static boolean forbiddenControl(int codePoint) {
		return Character.isISOControl(codePoint) && codePoint != '\n' && codePoint != '\r' && codePoint != '\t';
	}

	private static boolean hasLoneSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return true;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	private static void failIfAny(List<FieldViolation> errors) {
		if (!errors.isEmpty()) {
			throw ProblemException.validation(List.copyOf(errors));
		}
	}

	private static String required(@Nullable String value) {
		if (value == null) {
			throw new IllegalStateException("validated above");
		}
		return value;
	}

}
